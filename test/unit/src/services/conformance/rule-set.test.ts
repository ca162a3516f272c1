import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../../../src/services/conformance/rule-set.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-rules-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const errorOf = (f: string) => {
  try {
    loadRuleSet(f);
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
};

describe('rule sets (YAML)', () => {
  it('without a file: the built-ins, enabled', () => {
    const rules = loadRuleSet();
    expect(rules.map((r) => r.id)).toContain('doc.model-description');
    expect(rules.every((r) => r.enabled && r.origin === 'builtin')).toBe(true);
  });

  it('disables and re-parameterises built-ins and adds Cypher rules', () => {
    writeFileSync(path.join(dir, 'select-star.cypher'), 'MATCH (m:Model) WHERE m.compiledCode CONTAINS "select *" RETURN m.urn AS subject, "select *" AS message, [] AS evidence');
    const f = file(
      'ok.yml',
      `version: 1
rules:
  - id: doc.model-description
    enabled: false
  - id: naming.layer-prefix
    severity: error
    params:
      prefixes: { staging: [stg_, base_] }
  - id: acme.no-select-star
    name: No select star
    category: architecture
    severity: info
    scope: model
    cypherFile: select-star.cypher
`,
    );
    const rules = loadRuleSet(f);
    expect(rules.find((r) => r.id === 'doc.model-description')?.enabled).toBe(false);
    const naming = rules.find((r) => r.id === 'naming.layer-prefix')!;
    expect(naming.severity).toBe('error');
    expect(naming.params.prefixes).toEqual({ staging: ['stg_', 'base_'] });
    const own = rules.find((r) => r.id === 'acme.no-select-star')!;
    expect(own).toMatchObject({ category: 'architecture', scope: 'model', origin: f, query: { kind: 'text' } });
  });

  it('a bad value names the file, the line and the field', () => {
    const f = file('bad-severity.yml', `rules:\n  - id: doc.model-description\n    enabled: true\n  - id: test.primary-key\n    severity: fatal\n`);
    const e = errorOf(f);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5: rules\\[1\\]\\.severity: `));
  });

  it('an unknown field, an unknown parameter, a wrong parameter type, a missing field, broken YAML', () => {
    expect(errorOf(file('a.yml', `rules:\n  - id: doc.model-description\n    enabeld: false\n`)).message).toMatch(/a\.yml:2: rules\[0\]: .*enabeld/);
    expect(errorOf(file('b.yml', `rules:\n  - id: naming.layer-prefix\n    params:\n      prefix: {}\n`)).message).toMatch(/b\.yml:4: rules\[0\]\.params\.prefix: 'naming.layer-prefix' has no parameter 'prefix'/);
    expect(errorOf(file('c.yml', `rules:\n  - id: bio.annotation-stale\n    params:\n      maxAgeDays: soon\n`)).message).toMatch(/c\.yml:4: rules\[0\]\.params\.maxAgeDays: expected number, got string/);
    expect(errorOf(file('d.yml', `rules:\n  - id: acme.thing\n    name: x\n    category: naming\n    severity: info\n`)).message).toMatch(/d\.yml:2: rules\[0\]\.scope: required/);
    expect(errorOf(file('e.yml', `rules:\n  - id: [\n`)).message).toMatch(/e\.yml:\d+: invalid YAML/);
    expect(errorOf(file('f.yml', `rules:\n  - id: test.primary-key\n    cypher: MATCH (n) RETURN n\n`)).message).toMatch(/f\.yml:3: rules\[0\]\.cypher: 'cypher' cannot be changed/);
    expect(errorOf(path.join(dir, 'missing.yml')).message).toMatch(/does not exist/);
  });
});
