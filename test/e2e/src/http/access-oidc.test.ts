import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { createApiKey } from '../../../../src/auth/api-keys.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { extraRoutes } from '../../../../src/http/extra-routes.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

/**
 * OIDC bearer tokens with a key pair made here and its JWKS served by this test (no identity provider needed):
 * issuer, audience, signature and expiry are checked; role and namespaces come from the configured claims;
 * HELIX_AUTH_MODE=keys,oidc accepts API keys beside them.
 */
const ISSUER = 'https://idp.test/realms/helix';
const AUDIENCE = 'helix-api';
let signing: KeyLike;
let stranger: KeyLike;
let jwks: Server;
let helix: HelixContext;
let server: Server;
let base: string;

const token = (claims: Record<string, unknown>, o: { key?: KeyLike; issuer?: string; audience?: string; expires?: string | number } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(o.issuer ?? ISSUER)
    .setAudience(o.audience ?? AUDIENCE)
    .setSubject('alice@example.com')
    .setIssuedAt()
    .setExpirationTime(o.expires ?? '5m')
    .sign(o.key ?? signing);

const ask = async (bearer: string, query: string) => {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as any };
};

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signing = pair.privateKey;
  stranger = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwks = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  helix = await openTestHelix({
    HELIX_AUTH_MODE: 'keys,oidc',
    HELIX_OIDC_ISSUER: ISSUER,
    HELIX_OIDC_AUDIENCE: AUDIENCE,
    HELIX_OIDC_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`,
    HELIX_OIDC_ROLE_CLAIM: 'realm_access.roles',
    HELIX_OIDC_NAMESPACES_CLAIM: 'helix_namespaces',
    HELIX_AUTH_FAILURES_PER_MINUTE: '1000',
    HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:oidc:${Date.now()}`,
  });
  await resetGraph(helix);
  await loadDemoGraph(helix.exec);
  server = createHttpServer(helix, extraRoutes(helix));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((r) => server.close(r));
  if (jwks) await new Promise((r) => jwks.close(r));
  await helix?.close();
});

describe('OIDC bearer tokens', () => {
  it('takes role and namespaces from the configured claims', async () => {
    const viewer = await token({ realm_access: { roles: ['offline_access', 'viewer'] }, helix_namespaces: ['jaffle_shop'] });
    const q = '{ node(id: "urn:dbt:jaffle_shop:model.jaffle_shop.orders") { id } gene: node(id: "HGNC:9008") { id } }';
    const r = await ask(viewer, q);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ node: { id: 'urn:dbt:jaffle_shop:model.jaffle_shop.orders' }, gene: null });
    const refused = await ask(viewer, 'mutation { addTag(urn: "urn:dbt:jaffle_shop:model.jaffle_shop.orders", tag: "x") { id } }');
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // The highest Helix role of the list; no namespaces claim: every namespace.
    const admin = await token({ realm_access: { roles: ['viewer', 'admin'] } });
    expect((await ask(admin, '{ apiKeys { id } }')).body.data).toEqual({ apiKeys: [] });
  });

  it('records the subject in the audit trail', async () => {
    const editor = await token({ realm_access: { roles: ['editor'] } });
    const r = await ask(editor, 'mutation { addTag(urn: "urn:dbt:jaffle_shop:model.jaffle_shop.orders", tag: "sso") { id } }');
    expect(r.body.errors).toBeUndefined();
    const admin = await token({ realm_access: { roles: ['admin'] } });
    const audit = await ask(admin, '{ auditEvents(filter: { action: "addTag" }) { nodes { actor targets outcome } } }');
    expect(audit.body.data.auditEvents.nodes[0]).toEqual({ actor: 'oidc:alice@example.com', targets: ['urn:dbt:jaffle_shop:model.jaffle_shop.orders'], outcome: 'ok' });
  });

  it('refuses a wrong signature, issuer, audience, an expired token and a token without a Helix role (401)', async () => {
    const bad = [
      await token({ realm_access: { roles: ['admin'] } }, { key: stranger }),
      await token({ realm_access: { roles: ['admin'] } }, { issuer: 'https://evil.test' }),
      await token({ realm_access: { roles: ['admin'] } }, { audience: 'another-api' }),
      await token({ realm_access: { roles: ['admin'] } }, { expires: Math.floor(Date.now() / 1000) - 120 }),
      await token({ realm_access: { roles: ['offline_access'] } }),
    ];
    for (const t of bad) {
      const r = await ask(t, '{ graphInfo { graphVersion } }');
      expect(r.status).toBe(401);
      expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts API keys beside tokens (keys,oidc)', async () => {
    const { key } = await createApiKey(helix.exec, { role: 'viewer', createdBy: 'test' });
    expect((await ask(key, '{ graphInfo { graphVersion } }')).status).toBe(200);
  });
});
