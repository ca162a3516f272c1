import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVALIDATING_WRITES, NOT_INVALIDATING, readModelTouches } from '../../../../src/db/read-models.js';
import { projectRoot } from '../../../../src/project-root.js';

/**
 * The guard of the capsule read models (src/db/read-models.ts): a write path that forgets to invalidate them would
 * serve stale nested lists. Every cypher/ file that writes (schema/ aside) must be classified: invalidating (the
 * Executor then invalidates the models it touches in its transaction) or not, with the reason.
 */
const dir = path.join(projectRoot(), 'cypher');
const WRITES = /\b(CREATE|MERGE|SET|DELETE|REMOVE)\b|apoc\.(create|merge|refactor|nodes\.delete)/;

function cypherFiles(sub = ''): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cypherFiles(path.join(sub, e.name)) : e.name.endsWith('.cypher') ? [path.join(sub, e.name).replace(/\.cypher$/, '')] : [],
  );
}
const code = (name: string) =>
  readFileSync(path.join(dir, `${name}.cypher`), 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');

describe('capsule read models: every write is classified', () => {
  const writes = cypherFiles().filter((n) => !n.startsWith('schema/') && WRITES.test(code(n)));

  it('finds the writes (the scan works)', () => {
    expect(writes).toContain('ingest/upsert-edges');
    expect(writes).toContain('metadata/add-tag');
    expect(writes.length).toBeGreaterThan(40);
  });

  it('classifies every cypher/ write as invalidating the read models or not', () => {
    const unclassified = writes.filter((n) => !(n in INVALIDATING_WRITES) && !(n in NOT_INVALIDATING));
    expect(unclassified, 'classify in src/db/read-models.ts: can this write change a capsule\'s tags, tests or columns?').toEqual([]);
  });

  it('lists only existing writes, each once', () => {
    const listed = [...Object.keys(INVALIDATING_WRITES), ...Object.keys(NOT_INVALIDATING)];
    expect(listed.filter((n) => !writes.includes(n))).toEqual([]);
    expect(Object.keys(INVALIDATING_WRITES).filter((n) => n in NOT_INVALIDATING)).toEqual([]);
  });

  it('classifies as invalidating every write that names the nested lists\' labels or edge types, or writes labels or types by value', () => {
    const nested = /TAGGED_WITH|\bTESTS\b|HAS_COLUMN|:Tag\b|:Test\b|:Column\b|\$\(|DETACH DELETE/;
    // Checked by hand: they only read these (or delete everything, or are the read model's own writes).
    const allowed = new Set([
      'meta/wipe-graph-batch',
      'conformance/record-findings',
      'conformance/upsert-pii-findings',
      'conformance/delete-pii-findings',
      'read-models/invalidate-capsule-read-models',
      'read-models/rebuild-capsule-read-models',
    ]);
    expect(writes.filter((n) => nested.test(code(n)) && !(n in INVALIDATING_WRITES) && !allowed.has(n))).toEqual([]);
  });

  it('takes the owning side of an edge: tags and columns from their node, tests from what they test', () => {
    const rows = [
      { from: 'c1', type: 'TAGGED_WITH', to: 't1' },
      { from: 'c2', type: 'HAS_COLUMN', to: 'col' },
      { from: 'test', type: 'TESTS', to: 'c3' },
      { from: 'a', type: 'FLOWS_TO', to: 'b' },
    ];
    expect(readModelTouches('ingest/upsert-edges', { rows })).toEqual(['c1', 'c2', 'c3']);
    expect(readModelTouches('history/archive-edges', { rows, end: 'changed' })).toEqual([]);
    expect(readModelTouches('history/archive-edges', { rows, end: 'closed' })).toEqual(['c1', 'c2', 'c3']);
    expect(readModelTouches('metadata/set-owner', {})).toBeNull();
  });
});
