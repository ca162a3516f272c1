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
/** The same Helix with HELIX_CACHE=off: what Yoga writes when no cache is involved. */
let uncached: Awaited<ReturnType<typeof startTestServer>>;
const urn = (i: number) => `urn:dbt:rc:model.rc.m${i}`;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const nodes = [0, 1, 2, 3].map((i) => ({ urn: urn(i), labels: ['Capsule', 'Model'], props: { name: `m${i} "quoted" é`, namespace: 'rc' } }));
  const edges = [0, 1, 2].map((i) => ({ type: 'FLOWS_TO', from: urn(i), to: urn(i + 1) }));
  await writeGraph(helix.exec, { nodes, edges, issues: [] }, { scope: 'test:response-cache', deleteMissing: false });
  http = await startTestServer(helix);
  uncached = await startTestServer({ ...helix, config: { ...helix.config, HELIX_CACHE: 'off' } });
}, 120_000);

afterAll(async () => {
  await http?.close();
  await uncached?.close();
  await helix?.close();
});

async function post(query: string, variables: Record<string, unknown>, base = http.base) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, type: res.headers.get('content-type'), length: res.headers.get('content-length'), text: await res.text() };
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

  it('and the miss that stored it are what the server writes with the cache off, byte for byte', async () => {
    const query = 'query($u: ID!) { lineage(urn: $u, direction: DOWNSTREAM, depth: 3) { nodes { urn name distance } } capsule(urn: $u) { urn name } }';
    const off = await post(query, { u: urn(1) }, uncached.base);
    expect(JSON.parse(off.text).data.lineage.nodes).toHaveLength(3);
    const miss = await post(query, { u: urn(1) });
    const hit = await post(query, { u: urn(1) });
    expect(miss).toEqual(off);
    expect(hit).toEqual(off);
  });

  it('leaves answers with errors as Yoga writes them (not stored, same bytes, status and headers)', async () => {
    const asked: Array<[string, Record<string, unknown>]> = [
      // a service's refusal (BAD_USER_INPUT) on a cacheable root, beside data
      ['query($u: ID!) { capsule(urn: $u) { urn } lineage(urn: $u, depth: -1) { nodes { urn } } }', { u: urn(0) }],
      // the cost limit's refusal before execution (QUERY_TOO_COMPLEX)
      ['{ capsules(first: 500) { nodes { upstream(depth: 50, first: 500) { urn } } } }', {}],
      // a parse error (extensions.http status 400, stripped by Yoga)
      ['{ lineage(urn: ', {}],
      // a variable of the wrong type (a request error before execution)
      ['query($u: ID!) { capsule(urn: $u) { urn } }', { u: { not: 'an id' } }],
    ];
    for (const [query, variables] of asked) {
      const off = await post(query, variables, uncached.base);
      expect(JSON.parse(off.text).errors?.length, query).toBeGreaterThan(0);
      expect(await post(query, variables), query).toEqual(off);
      expect(await post(query, variables), query).toEqual(off);
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
