import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../../../src/ingestion/writer.js';
import { MAX_PROPERTY_CHARS } from '../../../../src/ingestion/property-cap.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { requireQueries } from '../../../../src/db/registry.js';
import { graphqlClient } from '../../../support/graphql-client.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

/**
 * Review finding 6: a 300 MiB description in a manifest drove the server past 1.28 GB and failed after 169 s.
 * Files an ingestion through the API would read are measured before parsing (HELIX_INGEST_MAX_FILE_BYTES), and
 * no property longer than MAX_PROPERTY_CHARS reaches Neo4j (cut, with a PROPERTY_TRUNCATED warning).
 */
const Q = requireQueries(['graph/get-nodes-by-urn'] as const);
let helix: HelixContext;
let roots: string;

beforeAll(async () => {
  roots = mkdtempSync(path.join(tmpdir(), 'helix-caps-'));
  helix = await openTestHelix({ HELIX_INGEST_ROOTS: roots, HELIX_INGEST_MAX_FILE_BYTES: String(64 * 1024) });
  await resetGraph(helix);
});
afterAll(async () => helix?.close());

describe('size caps', () => {
  it('refuses a file over HELIX_INGEST_MAX_FILE_BYTES before reading it, naming the setting', async () => {
    mkdirSync(path.join(roots, 'big'));
    const manifest = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'big' }, nodes: { 'model.big.m': { description: 'x'.repeat(100 * 1024) } } };
    writeFileSync(path.join(roots, 'big', 'manifest.json'), JSON.stringify(manifest));
    const gql = graphqlClient(helix);
    for (const p of ['big', 'big/manifest.json']) {
      const r = await gql('mutation($p: String!) { startIngestion(input: { kind: "dbt", path: $p }) { id } }', { p });
      expect(r.errors?.[0]?.extensions?.code, p).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message).toMatch(/manifest\.json has \d+ bytes, more than the 65536 .*HELIX_INGEST_MAX_FILE_BYTES/);
    }
  });

  it('cuts a property longer than the cap and reports it; smaller ones are kept whole', async () => {
    const long = 'A'.repeat(MAX_PROPERTY_CHARS + 5000);
    const { issues } = await writeGraph(
      helix.exec,
      {
        nodes: [
          { urn: 'urn:test:caps:big', labels: ['Model'], props: { description: long, name: 'big' } },
          { urn: 'urn:test:caps:small', labels: ['Model'], props: { description: 'fine' } },
        ],
        edges: [],
        issues: [],
      },
      { scope: 'test:caps', deleteMissing: false },
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'PROPERTY_TRUNCATED', severity: 'warning', subject: 'urn:test:caps:big' })]);
    const rows = await helix.exec.read(Q['graph/get-nodes-by-urn'], { urns: ['urn:test:caps:big', 'urn:test:caps:small'] });
    const byUrn = new Map(rows.map((r) => [String(r.urn), r.props as Record<string, string>]));
    expect(byUrn.get('urn:test:caps:big')!.description!.length).toBeLessThan(MAX_PROPERTY_CHARS + 100);
    expect(byUrn.get('urn:test:caps:big')!.description).toMatch(/^A+ … \[truncated by Helix\]$/);
    expect(byUrn.get('urn:test:caps:small')!.description).toBe('fine');
  });
});
