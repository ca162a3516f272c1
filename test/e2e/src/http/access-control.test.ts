import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { createApiKey } from '../../../../src/auth/api-keys.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { extraRoutes } from '../../../../src/http/extra-routes.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { ROOT_FIELD_RULES } from '../../../../src/graphql/root-field-rules.js';
import { ROLES } from '../../../../src/auth/roles.js';
import { projectRoot } from '../../../../src/project-root.js';
import { rootFieldOperation, sdlSchema } from '../../../support/access.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

const TOKEN = 'access-test-token-0123456789-0123456789-0123456789';
const ORDERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.orders';
let helix: HelixContext;
let server: Server;
let base: string;
const keys = {} as Record<'viewer' | 'editor' | 'admin' | 'otherViewer' | 'shopViewer' | 'shopEditor', string>;

/** The answer to one operation: HTTP status and the error codes (SSE: the first event, or none within 1.5 s). */
async function ask(query: string, key?: string): Promise<{ status: number; codes: string[]; messages: string[]; data?: any }> {
  const subscription = query.startsWith('subscription');
  const abort = new AbortController();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    signal: abort.signal,
    headers: { 'content-type': 'application/json', accept: subscription ? 'text/event-stream' : 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  let text = '';
  if (subscription && res.status === 200) {
    const reader = res.body!.getReader();
    const timer = setTimeout(() => abort.abort(), 1500);
    try {
      while (!/^data: .+$/m.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // no event: the subscription is open and quiet (allowed)
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
    const data = /^data: (.+)$/m.exec(text)?.[1];
    text = data ?? '{}';
  } else text = await res.text();
  const body = JSON.parse(text || '{}') as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: res.status, codes: (body.errors ?? []).map((e) => String(e.extensions?.code)), messages: (body.errors ?? []).map((e) => e.message), data: body.data };
}

beforeAll(async () => {
  helix = await openTestHelix({
    HELIX_AUTH_MODE: 'keys',
    HELIX_AUTH_TOKEN: TOKEN,
    HELIX_AUTH_FAILURES_PER_MINUTE: '100000',
    HELIX_RATE_LIMIT_PER_MINUTE: '100000',
    HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:access:${Date.now()}`,
    HELIX_INGEST_ROOTS: mkdtempSync(path.join(tmpdir(), 'helix-access-roots-')),
    HELIX_CACHE: 'on',
  });
  await resetGraph(helix);
  await loadDemoGraph(helix.exec);
  for (const role of ROLES) keys[role] = (await createApiKey(helix.exec, { role, createdBy: 'test' })).key;
  keys.otherViewer = (await createApiKey(helix.exec, { role: 'viewer', namespaces: ['other'], createdBy: 'test' })).key;
  keys.shopViewer = (await createApiKey(helix.exec, { role: 'viewer', namespaces: ['jaffle_shop'], createdBy: 'test' })).key;
  keys.shopEditor = (await createApiKey(helix.exec, { role: 'editor', namespaces: ['jaffle_shop'], createdBy: 'test' })).key;
  server = createHttpServer(helix, extraRoutes(helix));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await helix?.close();
});

const schema = sdlSchema();
const rows = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) =>
  Object.keys((schema.getType(root) as { getFields(): object }).getFields()).map((field) => ({ root, field })),
);

describe('every root field × {no key, viewer, editor, admin, viewer of another namespace}', () => {
  it.each(rows)('$root.$field', async ({ root, field }) => {
    const rule = ROOT_FIELD_RULES[root][field]!;
    const query = rootFieldOperation(schema, root, field, ORDERS);
    const anonymous = await ask(query);
    expect(anonymous.status, 'no key').toBe(401);
    expect(anonymous.codes).toEqual(['UNAUTHENTICATED']);
    for (const role of ROLES) {
      const r = await ask(query, keys[role]);
      const refused = r.messages.some((m) => m.startsWith('FORBIDDEN:'));
      const mayCall = ROLES.indexOf(role) >= ROLES.indexOf(rule.role);
      expect(refused, `${role}: ${JSON.stringify(r.messages)}`).toBe(!mayCall);
      if (!mayCall) expect(r.codes).toEqual(['FORBIDDEN']);
      else expect(r.codes, `${role}: ${JSON.stringify(r.messages)}`).not.toContain('UNAUTHENTICATED');
    }
    if (rule.role === 'viewer') {
      const other = await ask(query, keys.otherViewer);
      const refused = other.messages.some((m) => m.startsWith('FORBIDDEN:'));
      expect(refused, `other namespace: ${JSON.stringify(other.messages)}`).toBe(rule.scope === 'every-namespace' || rule.scope === 'bio');
    }
  });
});

/** Data of one operation, failing on any error. */
async function data(query: string, key: string): Promise<any> {
  const r = await ask(query, key);
  if (r.codes.length) throw new Error(`${query}: ${JSON.stringify(r.messages)}`);
  return r.data;
}

describe('a key limited to namespaces sees only their nodes', () => {
  const lineage = `{ lineage(urn: "${ORDERS}", direction: BOTH, depth: 5) { nodes { id } edges { from to } truncated truncatedFrontier } }`;

  it('node, nodes, capsule and column: nodes of other namespaces are as absent as missing ones', async () => {
    const q = `{ node(id: "${ORDERS}") { id } nodes(ids: ["${ORDERS}", "HGNC:9008", "urn:nope"]) { id } capsule(urn: "${ORDERS}") { id } column(urn: "${ORDERS}#order_id") { id } }`;
    expect(await data(q, keys.shopViewer)).toEqual({ node: { id: ORDERS }, nodes: [{ id: ORDERS }, null, null], capsule: { id: ORDERS }, column: { id: `${ORDERS}#order_id` } });
    expect(await data(q, keys.otherViewer)).toEqual({ node: null, nodes: [null, null, null], capsule: null, column: null });
    expect((await data(q, keys.viewer)).nodes).toEqual([{ id: ORDERS }, { id: 'HGNC:9008' }, null]);
  });

  it('capsules: lists and totalCount hold only the key’s namespaces', async () => {
    const q = (filter = '') => `{ capsules(first: 500${filter}) { totalCount nodes { id } } }`;
    const all = await data(q(), keys.viewer);
    const shop = await data(q(), keys.shopViewer);
    const shopIds: string[] = shop.capsules.nodes.map((n: { id: string }) => n.id);
    expect(shopIds.length).toBeGreaterThan(5);
    expect(shopIds.every((id) => id.startsWith('urn:dbt:jaffle_shop:'))).toBe(true);
    expect(shop.capsules.totalCount).toBe(shopIds.length);
    expect(all.capsules.totalCount).toBeGreaterThanOrEqual(shop.capsules.totalCount);
    expect(await data(q(), keys.otherViewer)).toEqual({ capsules: { totalCount: 0, nodes: [] } });
    expect(await data(q(', filter: { namespace: "jaffle_shop" }'), keys.otherViewer)).toEqual({ capsules: { totalCount: 0, nodes: [] } });
  });

  it('search finds only visible nodes', async () => {
    const q = `{ search(text: "orders", first: 50) { edges { node { id } } } }`;
    const ids = (r: any): string[] => r.search.edges.map((e: any) => e.node.id);
    const all = ids(await data(q, keys.viewer));
    expect(all.length).toBeGreaterThan(0);
    // The OpenLineage job and dataset of the demo are found by the admin, never by the jaffle_shop viewer.
    const job = ids(await data(`{ search(text: "daily", first: 50) { edges { node { id } } } }`, keys.viewer));
    expect(job.some((id) => id.startsWith('urn:ol:')), JSON.stringify(job)).toBe(true);
    expect(ids(await data(`{ search(text: "daily", first: 50) { edges { node { id } } } }`, keys.shopViewer))).toEqual([]);
    const shop = ids(await data(q, keys.shopViewer));
    expect(shop.length).toBeGreaterThan(0);
    expect(shop.every((id) => id.startsWith('urn:dbt:jaffle_shop:'))).toBe(true);
    expect(ids(await data(q, keys.otherViewer))).toEqual([]);
  });

  it('lineage stops at the namespace boundary with truncated: true, the boundary node named nowhere, also from the response cache', async () => {
    const full = await data(lineage, keys.viewer); // answered first: cached for keys of every namespace
    const outside = full.lineage.nodes.map((n: { id: string }) => n.id).filter((id: string) => !id.startsWith('urn:dbt:jaffle_shop:'));
    expect(outside.length).toBeGreaterThan(0); // the OpenLineage job that reads orders, and what it writes
    for (let i = 0; i < 2; i++) {
      const shop = await data(lineage, keys.shopViewer);
      const text = JSON.stringify(shop);
      for (const urn of outside) expect(text).not.toContain(urn);
      expect(shop.lineage.truncated).toBe(true);
      expect(shop.lineage.nodes.length).toBe(full.lineage.nodes.length - outside.length);
      const kept = new Set(shop.lineage.nodes.map((n: { id: string }) => n.id));
      expect(shop.lineage.edges.every((e: { from: string; to: string }) => kept.has(e.from) && kept.has(e.to))).toBe(true);
    }
    const other = await ask(lineage, keys.otherViewer);
    const missing = await ask(lineage.replace(ORDERS, 'urn:dbt:jaffle_shop:model.jaffle_shop.nope'), keys.viewer);
    expect(other.codes).toEqual(['NOT_FOUND']);
    expect(other.codes).toEqual(missing.codes);
  });

  it('lineagePath: only paths through visible nodes; an end outside the key’s namespaces is NOT_FOUND', async () => {
    const full = await data(lineage, keys.viewer);
    const ids: string[] = full.lineage.nodes.map((n: { id: string }) => n.id);
    const outside = ids.find((id) => id.startsWith('urn:ol:'))!;
    const inside = ids.find((id) => id !== ORDERS && id.startsWith('urn:dbt:jaffle_shop:'))!;
    const path = (to: string) => `{ lineagePath(from: "${ORDERS}", to: "${to}", maxHops: 10) { nodes { id } } }`;
    expect((await data(path(outside), keys.viewer)).lineagePath.length).toBe(1);
    const hidden = await ask(path(outside), keys.shopViewer);
    const missing = await ask(path('urn:dbt:jaffle_shop:model.jaffle_shop.nope'), keys.viewer);
    expect(hidden.codes).toEqual(['NOT_FOUND']);
    expect(hidden.codes).toEqual(missing.codes);
    expect(hidden.messages[0]).toBe(`no node with urn ${outside}`);
    const shopPaths = (await data(path(inside), keys.shopViewer)).lineagePath;
    expect(shopPaths.length).toBeGreaterThan(0);
    expect(JSON.stringify(shopPaths)).not.toContain('urn:ol:');
  });

  it('provenance stops at the namespace boundary the same way', async () => {
    const q = `{ provenance(urn: "${ORDERS}", direction: WHAT_USED, depth: 5) { nodes { id } edges { from to } truncated } }`;
    const full = (await data(q, keys.viewer)).provenance;
    const outside = full.nodes.map((n: { id: string }) => n.id).filter((id: string) => !id.startsWith('urn:dbt:jaffle_shop:'));
    expect(outside.length).toBeGreaterThan(0);
    const shop = (await data(q, keys.shopViewer)).provenance;
    for (const urn of outside) expect(JSON.stringify(shop)).not.toContain(urn);
    expect(shop.truncated).toBe(true);
    expect((await ask(q, keys.otherViewer)).codes).toEqual(['NOT_FOUND']);
  });

  it('nested lineage fields of a visible capsule leave other namespaces out', async () => {
    const q = `{ capsule(urn: "${ORDERS}") { downstream(depth: 3) { id } } }`;
    const all = (await data(q, keys.viewer)).capsule.downstream.map((n: { id: string }) => n.id);
    const shop = (await data(q, keys.shopViewer)).capsule.downstream.map((n: { id: string }) => n.id);
    expect(all.some((id: string) => !id.startsWith('urn:dbt:jaffle_shop:'))).toBe(true);
    expect(shop).toEqual(all.filter((id: string) => id.startsWith('urn:dbt:jaffle_shop:')));
  });

  it('violations, the PII inventory and export links: only the key’s namespaces, counts included', async () => {
    const v = `{ violations(first: 500) { totalCount nodes { id namespace subject { id } } } }`;
    const all = (await data(v, keys.viewer)).violations;
    const shop = (await data(v, keys.shopViewer)).violations;
    expect(all.totalCount).toBeGreaterThan(0);
    expect(shop.totalCount).toBe(all.nodes.filter((n: { namespace: string | null }) => n.namespace === 'jaffle_shop').length);
    expect(shop.nodes.every((n: { namespace: string }) => n.namespace === 'jaffle_shop')).toBe(true);
    expect(await data(v, keys.otherViewer)).toEqual({ violations: { totalCount: 0, nodes: [] } });
    const pii = `{ piiInventory(first: 500) { totalCount nodes { column { id } } } }`;
    const shopPii = (await data(pii, keys.shopViewer)).piiInventory;
    expect(shopPii.totalCount).toBeGreaterThan(0);
    expect(shopPii.nodes.every((n: any) => n.column.id.startsWith('urn:dbt:jaffle_shop:'))).toBe(true);
    expect(await data(pii, keys.otherViewer)).toEqual({ piiInventory: { totalCount: 0, nodes: [] } });
    const link = (scope: string) => `{ exportLink(format: JSONL${scope}) { url } }`;
    expect((await data(link(', scope: { namespace: "jaffle_shop" }'), keys.shopViewer)).exportLink.url).toContain('namespace=jaffle_shop');
    expect((await ask(link(''), keys.shopViewer)).codes).toEqual(['FORBIDDEN']);
    expect((await ask(link(', scope: { namespace: "sched" }'), keys.shopViewer)).codes).toEqual(['FORBIDDEN']);
  });

  it('metadata mutations of a namespaced editor reach only its namespace', async () => {
    const tag = (urn: string) => `mutation { addTag(urn: "${urn}", tag: "reviewed") { id } }`;
    expect(await data(tag(ORDERS), keys.shopEditor)).toEqual({ addTag: { id: ORDERS } });
    const dataset = (await data(lineage, keys.viewer)).lineage.nodes.map((n: { id: string }) => n.id).find((id: string) => id.startsWith('urn:ol:dataset:'));
    expect(dataset).toBeDefined();
    const refused = await ask(tag(dataset), keys.shopEditor);
    expect(refused.codes).toEqual(['NOT_FOUND']);
    expect(refused.messages[0]).toBe(`no node with urn ${dataset}`);
    const product = (await data('mutation { createDataProduct(input: { name: "Revenue access test" }) { id } }', keys.editor)).createDataProduct.id;
    const owner = await ask(`mutation { setOwner(urn: "${product}", owner: "mallory") { id } }`, keys.shopEditor);
    expect(owner.codes).toEqual(['NOT_FOUND']); // shared vocabulary spans namespaces: only full keys change it
    expect((await data(`{ node(id: "${product}") { id } }`, keys.shopViewer)).node).toEqual({ id: product }); // but see it
    const viewerTries = await ask(tag(ORDERS), keys.shopViewer);
    expect(viewerTries.codes).toEqual(['FORBIDDEN']);
  });
});

describe('GraphiQL off', () => {
  it('a GET /graphql?query=… accepting text/html authenticates like any request (it is executed, not a page)', async () => {
    const off = await openTestHelix({ HELIX_AUTH_MODE: 'keys', HELIX_GRAPHIQL: 'false', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:access:g:${Date.now()}` });
    const s = createHttpServer(off, extraRoutes(off));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/graphql?query=${encodeURIComponent('{ apiKeys { id } }')}`;
      for (const accept of ['text/html, application/json', 'text/html']) {
        const res = await fetch(url, { headers: { accept } });
        expect(res.status, accept).toBe(401);
        expect(await res.text()).not.toContain('"apiKeys"');
      }
    } finally {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
      await off.close();
    }
  });
});

describe('HTTP routes', () => {
  const get = (q: string, key?: string) => fetch(`${base}/api/v1/export?${q}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('exports: 401 without a key, 403 outside the key’s namespaces, the namespace export within them', async () => {
    expect((await get('format=jsonl&namespace=jaffle_shop')).status).toBe(401);
    const ok = await get('format=jsonl&namespace=jaffle_shop', keys.shopViewer);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(ORDERS);
    for (const q of ['format=jsonl', 'format=jsonl&namespace=sched', `format=jsonl&lineage=${encodeURIComponent(ORDERS)}`]) {
      const r = await get(q, keys.shopViewer);
      expect(r.status, q).toBe(403);
      expect((await r.json()).error.code).toBe('FORBIDDEN');
    }
  });

  it('OpenLineage POST: editors write, viewers get 403, a namespaced editor only its namespaces', async () => {
    const event = (ns: string) => ({
      eventType: 'COMPLETE',
      eventTime: '2026-12-01T10:00:00Z',
      run: { runId: '0190c4b4-7f7a-7a4e-9c3e-6b1d2f3a4b5c' },
      job: { namespace: ns, name: 'access.test' },
      producer: 'https://example.com/helix-test',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    });
    const post = (body: unknown, key?: string) =>
      fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
    expect((await post(event('jaffle_shop'))).status).toBe(401);
    const viewer = await post(event('jaffle_shop'), keys.viewer);
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error.message).toMatch(/needs the editor role/);
    const outside = await post(event('sched'), keys.shopEditor);
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.message).toMatch(/may write only namespaces jaffle_shop/);
    expect((await post(event('jaffle_shop'), keys.shopEditor)).status).toBe(201);
  });
});

describe('the audit trail', () => {
  const idOf = (key: string) => key.split('_')[1]!;
  type Event = { actor: string; action: string; targets: string[]; outcome: string; requestId: string | null; details: any };
  const events = async (filter: string, first = 100): Promise<Event[]> =>
    (await data(`{ auditEvents(filter: ${filter}, first: ${first}) { nodes { actor action targets outcome requestId details } } }`, keys.admin)).auditEvents.nodes;

  it('records every mutation with who, what, which urns and how it ended, refusals included', async () => {
    const tags = await events(`{ action: "addTag" }`);
    expect(tags).toContainEqual(expect.objectContaining({ actor: idOf(keys.shopEditor), targets: [ORDERS], outcome: 'ok' }));
    expect(tags).toContainEqual(expect.objectContaining({ actor: idOf(keys.shopEditor), outcome: 'error: NOT_FOUND' }));
    expect(tags).toContainEqual(expect.objectContaining({ actor: idOf(keys.shopViewer), outcome: 'error: FORBIDDEN' }));
    expect(tags.every((e) => typeof e.requestId === 'string' && e.requestId.length > 0)).toBe(true);
    const byTarget = await events(`{ target: "${ORDERS}" }`);
    expect(byTarget.length).toBeGreaterThan(0);
    expect(byTarget.every((e) => e.targets.includes(ORDERS))).toBe(true);
  });

  it('records OpenLineage POSTs and exports', async () => {
    expect(await events('{ action: "openlineage" }')).toContainEqual(
      expect.objectContaining({ actor: idOf(keys.shopEditor), targets: expect.arrayContaining(['urn:ol:job:jaffle_shop:access.test']), outcome: 'ok' }),
    );
    expect(await events('{ action: "export" }')).toContainEqual(expect.objectContaining({ actor: idOf(keys.shopViewer), targets: ['jaffle_shop'], outcome: 'ok' }));
  });

  it('pages newest first and is for admins only', async () => {
    const first = await data('{ auditEvents(first: 1) { edges { cursor node { at } } pageInfo { hasNextPage } } }', keys.admin);
    const cursor = first.auditEvents.edges[0].cursor;
    const next = await data(`{ auditEvents(first: 1, after: "${cursor}") { edges { node { at } } } }`, keys.admin);
    expect(Date.parse(next.auditEvents.edges[0].node.at)).toBeLessThanOrEqual(Date.parse(first.auditEvents.edges[0].node.at));
    expect(first.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect((await ask('{ auditEvents { nodes { id } } }', keys.editor)).codes).toEqual(['FORBIDDEN']);
  });
});

describe('docs/security.md', () => {
  it('its admin examples answer with data for an admin key, and FORBIDDEN for a viewer', async () => {
    const text = readFileSync(path.join(projectRoot(), 'docs/security.md'), 'utf8');
    const blocks = [...text.matchAll(/^```graphql admin\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBe(2);
    for (const query of blocks) {
      const answer = await data(query, keys.admin);
      for (const value of Object.values(answer)) expect(JSON.stringify(value)).toMatch(/"(id|at)":/);
      expect((await ask(query, keys.viewer)).codes).toEqual(['FORBIDDEN']);
    }
  });
});
