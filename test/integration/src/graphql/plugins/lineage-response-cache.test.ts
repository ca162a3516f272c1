import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { storedAnswer } from '../../../../../src/graphql/plugins/lineage-response-cache.js';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { startTestServer } from '../../../../support/http-server.js';

// A response-cache hit sends the stored text as is (no JSON.parse, no second serialization): it must be exactly the
// answer of the execution it replaces.
let helix: HelixContext;
let http: Awaited<ReturnType<typeof startTestServer>>;
const urn = (i: number) => `urn:dbt:rc:model.rc.m${i}`;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const nodes = [0, 1, 2, 3].map((i) => ({ urn: urn(i), labels: ['Capsule', 'Model'], props: { name: `m${i} "quoted" é`, namespace: 'rc' } }));
  const edges = [0, 1, 2].map((i) => ({ type: 'FLOWS_TO', from: urn(i), to: urn(i + 1) }));
  await writeGraph(helix.exec, { nodes, edges, issues: [] }, { scope: 'test:response-cache', deleteMissing: false });
  http = await startTestServer(helix);
}, 120_000);

afterAll(async () => {
  await http?.close();
  await helix?.close();
});

async function post(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${http.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('a response-cache hit', () => {
  it('is the executed answer byte for byte, with the same status and content type, and runs no query', async () => {
    const query = 'query($u: ID!) { lineage(urn: $u, direction: UPSTREAM, depth: 3) { nodes { urn name distance } } }';
    const reads: string[] = [];
    const read = helix.exec.read.bind(helix.exec);
    helix.exec.read = (name, params, ctx) => (reads.push(name), read(name, params, ctx));
    try {
      const first = await post(query, { u: urn(3) });
      expect(JSON.parse(first.text).data.lineage.nodes).toHaveLength(4);
      expect(reads).toContain('lineage/expand-lineage-nodes');
      reads.splice(0);
      const again = await post(query, { u: urn(3) });
      expect(again).toEqual(first);
      expect(reads.filter((r) => r.startsWith('lineage/'))).toEqual([]);
    } finally {
      helix.exec.read = read;
    }
  });

  it('gives its data to plugins that copy the result, and the copy is serialized anew', () => {
    const text = JSON.stringify({ data: { lineage: { nodes: [{ urn: urn(0) }] } } });
    const hit = storedAnswer(text) as { data?: unknown; stringify?: () => string };
    expect(hit.stringify?.()).toBe(text);
    const marked = { ...hit, extensions: { incompleteScopes: [] } } as { data?: unknown; stringify?: unknown };
    expect(marked.stringify).toBeUndefined();
    expect(JSON.stringify(marked)).toBe(JSON.stringify({ ...JSON.parse(text), extensions: { incompleteScopes: [] } }));
  });
});
