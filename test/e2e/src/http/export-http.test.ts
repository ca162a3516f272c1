import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { startTestServer, type TestServer } from '../../../support/http-server.js';
import { writeSpecialGraph } from '../../../integration/src/services/export/helpers.js';

let helix: HelixContext;
let server: TestServer;
let base: string;
const auth = { authorization: 'Bearer export-token' };

beforeAll(async () => {
  helix = await openTestHelix({ HELIX_AUTH_TOKEN: 'export-token' });
  await resetGraph(helix);
  await writeSpecialGraph(helix);
  server = await startTestServer(helix);
  base = server.base;
});
afterAll(async () => {
  await server?.close();
  await helix?.close();
});

const runningExports = async () =>
  (await helix.exec.runText('SHOW TRANSACTIONS YIELD metaData RETURN metaData', {}, 'READ', { op: 'test' })).filter((r) =>
    String((r.metaData as Record<string, unknown>)?.op ?? '').startsWith('export'),
  ).length;

describe('GET /api/v1/export', () => {
  it('streams the file with its content type and a file name; exportLink gives the same URL and counts', async () => {
    const gql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: '{ exportLink(format: JSONL, scope: {namespace: "shop"}) { url fileName contentType nodes relationships elements } }' }),
    });
    const link = ((await gql.json()) as any).data.exportLink;
    expect(link).toMatchObject({ url: '/api/v1/export?format=jsonl&namespace=shop', fileName: 'helix-shop.jsonl', nodes: 5, relationships: 5, elements: 10 });
    const res = await fetch(`${base}${link.url}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(link.contentType);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="helix-shop.jsonl"');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'node').length).toBe(link.nodes);
    expect(lines.filter((l) => l.type === 'relationship').length).toBe(link.relationships);

    const graphml = await fetch(`${base}/api/v1/export?format=graphml&lineage=${encodeURIComponent('urn:dbt:shop:model.shop.orders')}&direction=DOWNSTREAM&depth=1`, { headers: auth });
    expect(graphml.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(graphml.headers.get('content-disposition')).toMatch(/^attachment; filename="helix-lineage-urn_dbt_shop_model\.shop\.orders\.graphml"$/);
    expect(await graphml.text()).toContain('</graphml>');
  });

  it('has the same guards as /graphql and refuses bad options with 4xx before streaming', async () => {
    expect((await fetch(`${base}/api/v1/export?format=jsonl`)).status).toBe(401);
    const bad = await fetch(`${base}/api/v1/export?format=xlsx`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('xlsx') });
    expect((await fetch(`${base}/api/v1/export?format=dot&lineage=urn:none`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/v1/export?format=dot&depth=-1`, { headers: auth })).status).toBe(400);
  });

  it('stops the export and its Neo4j query when the client goes away', async () => {
    await helix.exec.runText("UNWIND range(1, 12000) AS i CREATE (:Node:Bulk {urn: 'urn:bulk:' + i, blob: $blob})", { blob: 'x'.repeat(2000) });
    const req = http.get(`${base}/api/v1/export?format=jsonl`, { headers: auth });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.statusCode).toBe(200);
    // Read one chunk, then stop reading: the server fills the socket and waits, its page query still open.
    await new Promise((r) => res.once('data', r));
    res.pause();
    let open = 0;
    for (let i = 0; i < 200 && open === 0; i++) {
      open = await runningExports();
      if (open === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(open).toBeGreaterThan(0);
    req.destroy();
    let left = open;
    for (let i = 0; i < 200 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await runningExports();
    }
    expect(left).toBe(0);
  });
});
