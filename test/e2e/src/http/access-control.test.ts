import { randomUUID } from 'node:crypto';
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
const keys = {} as Record<'viewer' | 'editor' | 'admin' | 'otherViewer' | 'shopViewer' | 'shopEditor' | 'schedViewer' | 'bioViewer', string>;

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
  keys.schedViewer = (await createApiKey(helix.exec, { role: 'viewer', namespaces: ['sched'], createdBy: 'test' })).key;
  keys.bioViewer = (await createApiKey(helix.exec, { role: 'viewer', namespaces: ['bio'], createdBy: 'test' })).key;
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

/**
 * What a viewer of another namespace gets from the fields cut by namespace since #12 (before: FORBIDDEN), asked with
 * the table's operation (required arguments only, the urn of jaffle_shop's `orders`): nothing of jaffle_shop.
 * The answers of keys that do see data are tested below ("fields cut by namespace since #12").
 */
const OTHER_NAMESPACE_ANSWERS: Record<string, { codes: string[]; data?: unknown }> = {
  'Query.impact': { codes: ['NOT_FOUND'], data: null },
  'Query.run': { codes: [], data: { run: null } },
  'Query.runs': { codes: [], data: { runs: { __typename: 'RunConnection' } } },
  'Query.jobs': { codes: [], data: { jobs: { __typename: 'JobConnection' } } },
  'Query.ingestion': { codes: [], data: { ingestion: null } },
  'Query.ingestions': { codes: [], data: { ingestions: { __typename: 'IngestionConnection' } } },
  'Query.incompleteScopes': { codes: [], data: { incompleteScopes: [] } },
  'Query.conformanceScore': { codes: [], data: { conformanceScore: { __typename: 'ConformanceScore' } } },
  'Query.conformanceEvaluation': { codes: [], data: { conformanceEvaluation: null } },
  'Subscription.runUpdated': { codes: [], data: undefined },
  'Subscription.ingestionProgress': { codes: [], data: undefined },
  'Subscription.conformanceProgress': { codes: [], data: undefined },
};

describe('every root field × {no key, viewer, editor, admin, viewer of another namespace}', () => {
  it.each(rows)('$root.$field', async ({ root, field }) => {
    const rule = ROOT_FIELD_RULES[root][field]!;
    const query = rootFieldOperation(schema, root, field, ORDERS);
    const anonymous = await ask(query);
    expect(anonymous.status, 'no key').toBe(401);
    expect(anonymous.codes).toEqual(['UNAUTHENTICATED']);
    // An allowed subscription is open and quiet for 1.5 s (see ask): its keys are asked at once, so the waits overlap.
    // Queries and mutations are asked one key after the other, in the order of ROLES, then the other namespace.
    const asked = [...ROLES.map((role) => keys[role]), ...(rule.role === 'viewer' ? [keys.otherViewer] : [])];
    const answers: Array<Awaited<ReturnType<typeof ask>>> = [];
    if (root === 'Subscription') answers.push(...(await Promise.all(asked.map((key) => ask(query, key)))));
    else for (const key of asked) answers.push(await ask(query, key));
    for (const [i, role] of ROLES.entries()) {
      const r = answers[i]!;
      const refused = r.messages.some((m) => m.startsWith('FORBIDDEN:'));
      const mayCall = ROLES.indexOf(role) >= ROLES.indexOf(rule.role);
      expect(refused, `${role}: ${JSON.stringify(r.messages)}`).toBe(!mayCall);
      if (!mayCall) expect(r.codes).toEqual(['FORBIDDEN']);
      else expect(r.codes, `${role}: ${JSON.stringify(r.messages)}`).not.toContain('UNAUTHENTICATED');
    }
    if (rule.role === 'viewer') {
      const other = answers[ROLES.length]!;
      const refused = other.messages.some((m) => m.startsWith('FORBIDDEN:'));
      expect(refused, `other namespace: ${JSON.stringify(other.messages)}`).toBe(rule.scope === 'every-namespace' || rule.scope === 'bio');
      const cut = OTHER_NAMESPACE_ANSWERS[`${root}.${field}`];
      if (cut) expect({ codes: other.codes, data: other.data }, `other namespace: ${query}`).toEqual(cut);
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

/**
 * An open subscription over SSE: the data of every message as it arrives, and whether the server ended the stream.
 */
function subscribe(query: string, key: string) {
  const abort = new AbortController();
  const messages: any[] = [];
  let ended = false;
  const done = (async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    const reader = res.body!.getReader();
    let text = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        text += new TextDecoder().decode(value);
        let cut: number;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const data = /^data: (.+)$/m.exec(text.slice(0, cut))?.[1];
          text = text.slice(cut + 2);
          if (data && data !== '') messages.push(JSON.parse(data));
        }
      }
      ended = true;
    } catch {
      // aborted by the test
    }
  })();
  return { messages, ended: () => ended, done, close: () => abort.abort() };
}

async function until(what: string, ok: () => boolean, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const olEvent = (ns: string, runId: string) => ({
  eventType: 'START',
  eventTime: new Date().toISOString(),
  run: { runId },
  job: { namespace: ns, name: 'scope.test' },
  producer: 'https://example.com/helix-test',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
});
const postEvent = (body: unknown, key: string) =>
  fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

describe('fields cut by namespace since #12 (impact, runs, jobs, scores, ingestions, subscriptions, data products)', () => {
  const impact = `{ impact(urn: "${ORDERS}") { total truncated byNamespace { key count } byType { key count } owners { key } affected(first: 500) { totalCount nodes { id } } } }`;
  const ids = (r: any): string[] => r.impact.affected.nodes.map((n: { id: string }) => n.id);

  it('impact stops at the namespace boundary: truncated, the boundary node and what lies behind it neither named nor counted', async () => {
    const full = await data(impact, keys.viewer); // cached first for keys of every namespace
    const outside = ids(full).filter((id) => !id.startsWith('urn:dbt:jaffle_shop:'));
    expect(outside.length, JSON.stringify(full)).toBeGreaterThan(0); // the OpenLineage job reading orders, and what it writes
    for (let i = 0; i < 2; i++) {
      // twice: the second answer comes from the response cache, keyed by what the caller may see
      const shop = await data(impact, keys.shopViewer);
      const text = JSON.stringify(shop);
      for (const urn of outside) expect(text).not.toContain(urn);
      expect(shop.impact.truncated).toBe(true);
      expect(shop.impact.total).toBe(full.impact.total - outside.length);
      expect(shop.impact.affected.totalCount).toBe(shop.impact.total);
      expect(ids(shop)).toEqual(ids(full).filter((id) => id.startsWith('urn:dbt:jaffle_shop:')));
      expect(shop.impact.byNamespace.map((c: { key: string }) => c.key)).toEqual(['jaffle_shop']);
      expect(shop.impact.byType.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(shop.impact.total);
    }
    // and the full key's cached answer is still the full one
    expect(await data(impact, keys.viewer)).toEqual(full);
    const other = await ask(impact, keys.otherViewer);
    const missing = await ask(impact.replace(ORDERS, 'urn:dbt:jaffle_shop:model.jaffle_shop.nope'), keys.viewer);
    expect(other.codes).toEqual(['NOT_FOUND']);
    expect(other.codes).toEqual(missing.codes);
  });

  it('impact: a limited key asking first never fills the cache of another scope', async () => {
    const q = impact.replace('(urn:', '(depth: 7, urn:'); // a query shape no test asked before
    const shop = await data(q, keys.shopViewer);
    const full = await data(q, keys.viewer);
    expect(full.impact.total).toBeGreaterThan(shop.impact.total);
    expect(full.impact.truncated).toBe(false);
    expect(shop.impact.truncated).toBe(true);
    expect((await ask(q, keys.otherViewer)).codes).toEqual(['NOT_FOUND']);
  });

  it('runs and run: OpenLineage runs of the key’s job namespaces, dbt invocations of its namespaces, workflow runs under bio; totalCount agrees', async () => {
    const q = `{ runs(first: 500, filter: { includeSteps: true }) { totalCount nodes { id } } }`;
    const urns = async (key: string) => {
      const r = (await data(q, key)).runs;
      expect(r.totalCount).toBe(r.nodes.length);
      return r.nodes.map((n: { id: string }) => n.id) as string[];
    };
    const all = await urns(keys.viewer);
    const shop = await urns(keys.shopViewer);
    const sched = await urns(keys.schedViewer);
    const bio = await urns(keys.bioViewer);
    expect(shop.length).toBeGreaterThan(0);
    expect(shop.every((u) => u.startsWith('urn:dbt:'))).toBe(true);
    expect(sched.length).toBeGreaterThan(0);
    expect(sched.every((u) => u.startsWith('urn:ol:run:'))).toBe(true);
    expect(bio.length).toBeGreaterThan(0);
    expect(bio.every((u) => !u.startsWith('urn:ol:') && !u.startsWith('urn:dbt:'))).toBe(true);
    for (const u of [...shop, ...sched, ...bio]) expect(all).toContain(u);
    expect(await urns(keys.otherViewer)).toEqual([]);
    const run = (id: string) => `{ run(id: "${id}") { id job { id } } }`;
    expect((await data(run(sched[0]!), keys.schedViewer)).run.id).toBe(sched[0]);
    expect((await data(run(sched[0]!), keys.shopViewer)).run).toBeNull();
    expect((await data(run(shop[0]!), keys.schedViewer)).run).toBeNull();
    expect((await data(run(bio[0]!), keys.bioViewer)).run.id).toBe(bio[0]);
    expect((await data(run(bio[0]!), keys.otherViewer)).run).toBeNull();
  });

  it('jobs and job: only jobs of the key’s namespaces, their runs included', async () => {
    const q = `{ jobs(first: 500) { totalCount nodes { id namespace runs { id } } } }`;
    const all = (await data(q, keys.viewer)).jobs;
    const sched = (await data(q, keys.schedViewer)).jobs;
    expect(sched.totalCount).toBe(sched.nodes.length);
    expect(sched.nodes.length).toBeGreaterThan(0);
    expect(sched.nodes.every((j: { namespace: string }) => j.namespace === 'sched')).toBe(true);
    expect(sched.nodes.every((j: { runs: unknown[] }) => j.runs.length > 0)).toBe(true);
    expect(sched.nodes).toEqual(all.nodes.filter((j: { id: string }) => j.id.startsWith('urn:ol:job:sched:')));
    const shop = (await data(q, keys.shopViewer)).jobs;
    expect(shop.nodes.map((j: { id: string }) => j.id)).toEqual(['urn:dbt:jaffle_shop:job']);
    expect(await data(q, keys.otherViewer)).toEqual({ jobs: { totalCount: 0, nodes: [] } });
    const job = (urn: string) => `{ job(urn: "${urn}") { id } }`;
    expect((await data(job(sched.nodes[0].id), keys.schedViewer)).job).toEqual({ id: sched.nodes[0].id });
    expect((await data(job(sched.nodes[0].id), keys.shopViewer)).job).toBeNull();
  });

  it('job(name) answers the job the key may see when a hidden job has the same name', async () => {
    for (const ns of ['twina', 'twinb']) {
      const res = await postEvent({ ...olEvent(ns, randomUUID()), job: { namespace: ns, name: 'twin.job' } }, keys.admin);
      expect(res.status, await res.text()).toBeLessThan(300);
    }
    const twinB = (await createApiKey(helix.exec, { role: 'viewer', namespaces: ['twinb'], createdBy: 'test' })).key;
    const q = '{ job(name: "twin.job") { id } }';
    // The hidden urn:ol:job:twina:twin.job sorts first; it must not stand in front of the visible one.
    expect((await data(q, twinB)).job).toEqual({ id: 'urn:ol:job:twinb:twin.job' });
    expect((await data(q, keys.otherViewer)).job).toBeNull();
  });

  it('conformanceScore: the key’s namespace only; another namespace is FORBIDDEN with the reason; evaluations of other namespaces are absent', async () => {
    const q = (scope: string) => `{ conformanceScore(scope: ${scope}) { evaluated failed score } }`;
    const shopByAdmin = await data(q('{ namespace: "jaffle_shop" }'), keys.viewer);
    expect(shopByAdmin.conformanceScore.evaluated).toBeGreaterThan(0);
    expect(await data(q('{}'), keys.shopViewer)).toEqual(shopByAdmin);
    expect(await data(q('{ namespace: "jaffle_shop" }'), keys.shopViewer)).toEqual(shopByAdmin);
    const refused = await ask(q('{ namespace: "jaffle_shop" }'), keys.otherViewer);
    expect(refused.codes).toEqual(['FORBIDDEN']);
    expect(refused.messages[0]).toMatch(/only its namespaces \(other\), not jaffle_shop/);
    expect((await ask(q('{}'), keys.bioViewer)).codes).toEqual(['FORBIDDEN']);
    expect((await data(q('{}'), keys.otherViewer)).conformanceScore).toEqual({ evaluated: 0, failed: 0, score: 100 });
  });

  it('ingestions and incompleteScopes: a limited key sees the ingestions of its namespaces only', async () => {
    const q = `{ ingestions(first: 500) { nodes { id kind namespace } } incompleteScopes { scope } }`;
    const all = (await data(q, keys.viewer)).ingestions.nodes;
    const shop = (await data(q, keys.shopViewer)).ingestions.nodes;
    expect(all.some((i: { kind: string }) => i.kind !== 'dbt')).toBe(true);
    expect(shop.length).toBeGreaterThan(0);
    expect(shop).toEqual(all.filter((i: { kind: string; namespace: string }) => i.kind === 'dbt' && i.namespace === 'jaffle_shop'));
    const bio = (await data(q, keys.bioViewer)).ingestions.nodes;
    expect(bio.every((i: { kind: string }) => i.kind !== 'dbt' && i.kind !== 'openlineage')).toBe(true);
    expect(await data(q, keys.otherViewer)).toEqual({ ingestions: { nodes: [] }, incompleteScopes: [] });
    const one = `{ ingestion(id: "${shop[0].id}") { id } }`;
    expect((await data(one, keys.shopViewer)).ingestion).toEqual({ id: shop[0].id });
    expect((await data(one, keys.otherViewer)).ingestion).toBeNull();
  });

  it('startIngestion by an editor limited to namespaces: only into them, refused FORBIDDEN before anything is written', async () => {
    const count = async () => (await data(`{ ingestions(first: 500) { nodes { id } } }`, keys.admin)).ingestions.nodes.length;
    const before = await count();
    const start = (input: string) => `mutation { startIngestion(input: { ${input} }) { id status } }`;
    for (const input of ['kind: "dbt", path: "x", namespace: "sched"', 'kind: "dbt", path: "x"', 'kind: "openlineage", path: "x"', 'kind: "hgnc", path: "x"']) {
      const r = await ask(start(input), keys.shopEditor);
      expect(r.codes, input).toEqual(['FORBIDDEN']);
      expect(r.messages[0], input).toMatch(/this key may ingest only into jaffle_shop/);
    }
    expect(await count()).toBe(before);
    // inside its namespace the request passes the scope check and meets the usual ones (here: no such path)
    const inside = await ask(start('kind: "dbt", path: "no-such-folder", namespace: "jaffle_shop"'), keys.shopEditor);
    expect(inside.codes).not.toContain('FORBIDDEN');
    expect(inside.codes.length).toBe(1);
    expect((await data(`mutation { cancelIngestion(id: "${'0'.repeat(8)}-0000-4000-8000-000000000000") { id } }`, keys.shopEditor)).cancelIngestion).toBeNull();
  });

  it('data products and violation status: a limited editor changes only targets inside its namespaces (else NOT_FOUND, as absent)', async () => {
    const product = (await data('mutation { createDataProduct(input: { name: "Scope test product" }) { id } }', keys.editor)).createDataProduct.id;
    expect((await ask('mutation { createDataProduct(input: { name: "Mallory product" }) { id } }', keys.shopEditor)).codes).toEqual(['FORBIDDEN']);
    const add = (urns: string[]) => `mutation { addToDataProduct(urn: "${product}", capsules: ${JSON.stringify(urns)}) { id capsules { id } } }`;
    expect((await data(add([ORDERS]), keys.shopEditor)).addToDataProduct.capsules).toEqual([{ id: ORDERS }]);
    const dataset = (await data(impact, keys.viewer)).impact.affected.nodes.map((n: { id: string }) => n.id).find((id: string) => id.startsWith('urn:ol:dataset:'));
    const refused = await ask(add([dataset]), keys.shopEditor);
    expect(refused.codes).toEqual(['NOT_FOUND']);
    expect(refused.messages[0]).toBe(`no node with urn ${dataset}`);
    expect((await ask(`mutation { removeFromDataProduct(urn: "${product}", capsules: ["${dataset}"]) { id } }`, keys.shopEditor)).codes).toEqual(['NOT_FOUND']);
    expect((await data(`mutation { removeFromDataProduct(urn: "${product}", capsules: ["${ORDERS}"]) { id } }`, keys.shopEditor)).removeFromDataProduct.id).toBe(product);
    expect((await ask(`mutation { updateDataProduct(urn: "${product}", input: { description: "x" }) { id } }`, keys.shopEditor)).codes).toEqual(['NOT_FOUND']);
    const violations = (await data(`{ violations(first: 500) { nodes { id namespace } } }`, keys.admin)).violations.nodes as Array<{ id: string; namespace: string | null }>;
    const status = (id: string) => `mutation { updateViolationStatus(id: "${id}", status: ACKNOWLEDGED, comment: "scope test") { id status } }`;
    const mine = violations.find((v) => v.namespace === 'jaffle_shop')!;
    expect((await data(status(mine.id), keys.shopEditor)).updateViolationStatus).toEqual({ id: mine.id, status: 'ACKNOWLEDGED' });
    const notMine = await ask(status(mine.id), keys.otherViewer);
    expect(notMine.codes).toEqual(['FORBIDDEN']); // a viewer: the role first
    const otherEditor = (await createApiKey(helix.exec, { role: 'editor', namespaces: ['other'], createdBy: 'test' })).key;
    const hidden = await ask(status(mine.id), otherEditor);
    expect(hidden.codes).toEqual(['NOT_FOUND']);
    expect(hidden.messages[0]).toBe(`no node with urn ${mine.id}`);
  });

  it('subscriptions deliver only events of the key’s namespaces (real SSE)', async () => {
    const q = 'subscription { runUpdated { id status job { id } } }';
    const sched = subscribe(q, keys.schedViewer);
    const shop = subscribe(q, keys.shopViewer);
    const other = subscribe(q, keys.otherViewer);
    try {
      await new Promise((r) => setTimeout(r, 500)); // the three streams are open
      expect((await postEvent(olEvent('sched', '0190c4b4-7f7a-7a4e-9c3e-000000000001'), keys.editor)).status).toBe(201);
      expect((await postEvent(olEvent('jaffle_shop', '0190c4b4-7f7a-7a4e-9c3e-000000000002'), keys.editor)).status).toBe(201);
      await until('the sched event', () => sched.messages.length >= 1);
      await until('the jaffle_shop event', () => shop.messages.length >= 1);
      await new Promise((r) => setTimeout(r, 1000)); // anything else would have arrived by now
      expect(sched.messages.map((m) => m.data?.runUpdated.job.id)).toEqual(['urn:ol:job:sched:scope.test']);
      expect(shop.messages.map((m) => m.data?.runUpdated.job.id)).toEqual(['urn:ol:job:jaffle_shop:scope.test']);
      expect(other.messages).toEqual([]);
    } finally {
      for (const s of [sched, shop, other]) s.close();
    }
  });

  it('a key revoked while its subscription is open: the stream ends with UNAUTHENTICATED within seconds', async () => {
    const made = await createApiKey(helix.exec, { role: 'viewer', namespaces: ['sched'], createdBy: 'test' });
    const stream = subscribe('subscription { runUpdated { id } }', made.key);
    try {
      await postEvent(olEvent('sched', '0190c4b4-7f7a-7a4e-9c3e-000000000003'), keys.editor);
      await until('an event before the revocation', () => stream.messages.length >= 1);
      expect(stream.messages[0].data.runUpdated.id).toBe('urn:ol:run:0190c4b4-7f7a-7a4e-9c3e-000000000003');
      const revokedAt = Date.now();
      await data(`mutation { revokeApiKey(id: "${made.id}") { id revoked } }`, keys.admin);
      await until('the end of the stream', () => stream.ended(), 5000);
      const last = stream.messages.at(-1);
      expect(last.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(Date.now() - revokedAt).toBeLessThan(5000);
      await postEvent(olEvent('sched', '0190c4b4-7f7a-7a4e-9c3e-000000000004'), keys.editor);
      await new Promise((r) => setTimeout(r, 500));
      expect(stream.messages.some((m) => JSON.stringify(m).includes('000000000004'))).toBe(false);
    } finally {
      stream.close();
    }
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
