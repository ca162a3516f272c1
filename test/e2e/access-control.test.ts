import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../src/app/context.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { loadDemoGraph } from '../../src/demo/load-demo.js';
import { extraRoutes } from '../../src/http/extra-routes.js';
import { createHttpServer } from '../../src/http/server.js';
import { ROOT_FIELD_RULES } from '../../src/graphql/root-field-rules.js';
import { ROLES } from '../../src/auth/roles.js';
import { rootFieldOperation, sdlSchema } from '../support/access.js';
import { openTestHelix, resetGraph } from '../support/graph.js';

const TOKEN = 'access-test-token-0123456789-0123456789-0123456789';
const ORDERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.orders';
let helix: HelixContext;
let server: Server;
let base: string;
const keys: Record<string, string> = {};

async function post(body: unknown, key?: string, accept = 'application/json') {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  return res;
}

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
