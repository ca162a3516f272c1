import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { extraRoutes } from '../../../../src/http/extra-routes.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { openTestHelix } from '../../../support/graph.js';

/** #12 Hardening of /graphql over HTTP: batching, CORS allow-list in production, persisted operations. */
const TOKEN = 'hardening-test-token-0123456789-0123456789-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const servers: Array<{ server: Server; helix: HelixContext }> = [];
const dir = mkdtempSync(path.join(tmpdir(), 'helix-hardening-'));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function serve(overrides: Record<string, string>) {
  const helix = await openTestHelix({ HELIX_AUTH_TOKEN: TOKEN, HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:hard:${randomUUID()}`, ...overrides });
  const server = createHttpServer(helix, extraRoutes(helix));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ server, helix });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: unknown, headers: Record<string, string> = auth) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  return { base, post };
}
afterAll(async () => {
  for (const s of servers) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
    await s.helix.close();
  }
});

const Q = '{ graphInfo { schemaVersion } }';

describe('batching', () => {
  it('is off by default: a JSON array of operations is a 4xx with the reason', async () => {
    const s = await serve({});
    const r = await s.post([{ query: Q }, { query: Q }]);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toBe('Batching is not supported.');
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('with HELIX_GRAPHQL_BATCH_LIMIT, a batch up to the limit runs and a larger one is a 4xx naming the limit', async () => {
    const s = await serve({ HELIX_GRAPHQL_BATCH_LIMIT: '2' });
    const ok = await s.post([{ query: Q }, { query: Q }]);
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(2);
    expect(ok.body[1].data.graphInfo.schemaVersion).toBeGreaterThan(0);
    const tooMany = await s.post([{ query: Q }, { query: Q }, { query: Q }]);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.errors[0]).toMatchObject({ message: 'Batching is limited to 2 operations per request.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('body size limits on every route that reads a body', () => {
  /** A body sent in chunks without Content-Length, as a streaming client does. */
  const chunked = (size: number) => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= size) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
  };

  it('/graphql: 413 naming HELIX_MAX_BODY_BYTES (declared length), 411 for a body without a length', async () => {
    const s = await serve({ HELIX_MAX_BODY_BYTES: '4096' });
    const big = await s.post({ query: `${Q} # ${'x'.repeat(8192)}` });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].message).toMatch(/larger than 4096 bytes \(HELIX_MAX_BODY_BYTES\)/);
    const stream = await fetch(`${s.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: chunked(1024 * 1024), duplex: 'half' } as RequestInit);
    expect(stream.status).toBe(411);
    expect((await stream.json()).errors[0].message).toMatch(/Content-Length/);
  });

  it('POST /api/v1/lineage: 413 with the reason for a chunked body over 10 MB, read to its end', async () => {
    const s = await serve({});
    const res = await fetch(`${s.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: chunked(12 * 1024 * 1024), duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/larger than 10485760 bytes: send fewer events per request/);
  });
});

describe('CORS in production', () => {
  it('answers an allowed Origin with Access-Control-Allow-Origin, and a disallowed one without', async () => {
    const s = await serve({ NODE_ENV: 'production', HELIX_CORS_ORIGINS: 'https://bi.example.com' });
    const preflight = (origin: string) =>
      fetch(`${s.base}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
    const allowed = await preflight('https://bi.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const refused = await preflight('https://evil.example.net');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const post = await s.post({ query: Q }, { ...auth, origin: 'https://evil.example.net' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    const postAllowed = await s.post({ query: Q }, { ...auth, origin: 'https://bi.example.com' });
    expect(postAllowed.headers.get('access-control-allow-origin')).toBe('https://bi.example.com');
  });
});

describe('persisted operations', () => {
  const listed = 'query Dashboard { graphInfo { schemaVersion } }';
  const hash = sha256(listed);
  const byHash = (h: string, query?: string) => ({ ...(query ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: h } } });

  it('HELIX_PERSISTED_OPERATIONS_ONLY with a hash→query file: runs listed operations by hash or text, refuses anything else', async () => {
    const file = path.join(dir, 'ops.json');
    writeFileSync(file, JSON.stringify({ [hash]: listed }));
    const s = await serve({ HELIX_PERSISTED_OPERATIONS: file, HELIX_PERSISTED_OPERATIONS_ONLY: 'true' });
    const viaHash = await s.post(byHash(hash));
    expect(viaHash.status).toBe(200);
    expect(viaHash.body.data.graphInfo.schemaVersion).toBeGreaterThan(0);
    expect((await s.post({ query: listed })).body.data.graphInfo.schemaVersion).toBeGreaterThan(0);
    const other = await s.post({ query: Q });
    expect(other.status).toBe(403);
    expect(other.body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(other.body.errors[0].message).toMatch(/persisted operations/);
    // A listed hash cannot smuggle another document.
    expect((await s.post(byHash(hash, Q))).status).toBe(403);
    const unknown = await s.post(byHash(sha256('{ nope }')));
    expect(unknown.body.errors[0].message).toBe('PersistedQueryNotFound');
    expect(unknown.body.data ?? null).toBeNull();
  });

  it('a file of hashes only: the client sends the query with its hash (Apollo), unlisted ones are refused', async () => {
    const file = path.join(dir, 'hashes.json');
    writeFileSync(file, JSON.stringify([hash]));
    const s = await serve({ HELIX_PERSISTED_OPERATIONS: file, HELIX_PERSISTED_OPERATIONS_ONLY: 'true' });
    // The server has no text for the hash: the Apollo client's first try is answered PersistedQueryNotFound …
    expect((await s.post(byHash(hash))).body.errors[0].message).toBe('PersistedQueryNotFound');
    // … and its retry with the query runs.
    const retry = await s.post(byHash(hash, listed));
    expect(retry.status).toBe(200);
    expect(retry.body.data.graphInfo.schemaVersion).toBeGreaterThan(0);
    expect((await s.post({ query: Q })).status).toBe(403);
  });

  it('without _ONLY, persisted hashes work beside ordinary documents', async () => {
    const file = path.join(dir, 'ops2.json');
    writeFileSync(file, JSON.stringify({ [hash]: listed }));
    const s = await serve({ HELIX_PERSISTED_OPERATIONS: file });
    expect((await s.post(byHash(hash))).body.data.graphInfo.schemaVersion).toBeGreaterThan(0);
    expect((await s.post({ query: Q })).body.data.graphInfo.schemaVersion).toBeGreaterThan(0);
  });

  it('refuses to start with a file whose key is not the sha256 of its query', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ [sha256('something else')]: listed }));
    await expect(serve({ HELIX_PERSISTED_OPERATIONS: file })).rejects.toThrow(/is not the sha256 of its query/);
  });
});
