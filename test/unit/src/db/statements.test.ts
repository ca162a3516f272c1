import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../../src/db/migrate.js';
import { QueryRegistry, requireQueries } from '../../../../src/db/registry.js';

describe('cypher files', () => {
  it('splits schema files into statements and drops comment lines', () => {
    expect(splitStatements('// c\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)',
    ]);
  });

  it('names queries <domain>/<verb-noun> and reports declared but missing files', () => {
    const registry = QueryRegistry.load();
    expect(registry.names()).toContain('ingest/upsert-nodes');
    // One exception by contract: conformance rule files live in cypher/conformance/rules/<rule-id-with-dashes>.cypher.
    expect(registry.names().filter((n) => !/^([a-z0-9-]+\/[a-z0-9-]+|conformance\/rules\/[a-z0-9-]+)$/.test(n))).toEqual([]);
    requireQueries(['nowhere/missing-query'] as const);
    expect(registry.missing()).toContain('nowhere/missing-query');
    expect(() => registry.get('nowhere/missing-query')).toThrow(/cypher\/nowhere\/missing-query\.cypher/);
  });

  it('keeps every value a $param: no string interpolation markers in Cypher files', () => {
    const registry = QueryRegistry.load();
    for (const name of registry.names()) expect(registry.get(name)).not.toMatch(/\$\{/);
  });
});
