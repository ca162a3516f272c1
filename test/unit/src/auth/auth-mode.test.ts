import { describe, expect, it } from 'vitest';
import { authMethods } from '../../../../src/auth/auth-mode.js';
import { expiryDate } from '../../../../src/auth/api-keys.js';
import { generateKey, parseKey, sameSecret, secretMatches } from '../../../../src/auth/key-secret.js';
import { canSee } from '../../../../src/auth/visibility.js';
import type { Principal } from '../../../../src/auth/principal.js';
import { loadConfig } from '../../../../src/config/load.js';

const production = {
  NODE_ENV: 'production',
  NEO4J_URI: 'bolt://db:7687',
  NEO4J_PASSWORD: 'pw',
  REDIS_URL: 'redis://cache:6379',
  HELIX_CORS_ORIGINS: 'https://catalog.example.com',
};

describe('HELIX_AUTH_MODE', () => {
  it('defaults to token with a token and off without, and combines keys with oidc only', () => {
    expect([...authMethods({ HELIX_AUTH_MODE: undefined, HELIX_AUTH_TOKEN: 't' })]).toEqual(['token']);
    expect([...authMethods({ HELIX_AUTH_MODE: undefined, HELIX_AUTH_TOKEN: undefined })]).toEqual([]);
    expect([...authMethods({ HELIX_AUTH_MODE: 'keys,oidc', HELIX_AUTH_TOKEN: undefined })]).toEqual(['keys', 'oidc']);
    expect(() => authMethods({ HELIX_AUTH_MODE: 'token,keys', HELIX_AUTH_TOKEN: 't' })).toThrow(/token stands alone/);
    expect(() => authMethods({ HELIX_AUTH_MODE: 'ldap', HELIX_AUTH_TOKEN: undefined })).toThrow(/'ldap' is not one of off, token, keys, oidc/);
  });

  it('production refuses off, accepts keys without a token, and oidc needs issuer, audience and JWKS', () => {
    expect(() => loadConfig({ ...production, HELIX_AUTH_MODE: 'off', HELIX_AUTH_TOKEN: 'x'.repeat(43) })).toThrow(/HELIX_AUTH_MODE is off/);
    expect(() => loadConfig({ ...production, HELIX_AUTH_MODE: 'keys' })).not.toThrow();
    expect(() => loadConfig({ ...production, HELIX_AUTH_MODE: 'keys', HELIX_AUTH_TOKEN: 'short' })).toThrow(/HELIX_AUTH_TOKEN has 5 characters/);
    expect(() => loadConfig({ HELIX_AUTH_MODE: 'oidc' })).toThrow(/needs HELIX_OIDC_ISSUER[\s\S]*HELIX_OIDC_AUDIENCE[\s\S]*HELIX_OIDC_JWKS_URL/);
    expect(() => loadConfig({ HELIX_AUTH_MODE: 'token' })).toThrow(/HELIX_AUTH_MODE=token needs HELIX_AUTH_TOKEN/);
  });
});

describe('API key secrets', () => {
  it('are hlx_<id>_<32 random bytes>, verified against a SHA-256 only', () => {
    const k = generateKey();
    expect(k.key).toMatch(/^hlx_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseKey(k.key)!;
    expect(parsed.id).toBe(k.id);
    expect(k.hash).not.toContain(parsed.secret);
    expect(secretMatches(parsed.secret, k.hash)).toBe(true);
    expect(secretMatches(parsed.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), k.hash)).toBe(false);
    expect(parseKey('Bearer whatever')).toBeUndefined();
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('expire at a date or after a duration, never in the past', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(expiryDate('30d', now)).toBe('2027-01-05T12:00:00.000Z');
    expect(expiryDate('2027-01-31', now)).toBe('2027-01-31T00:00:00.000Z');
    expect(() => expiryDate('2020-01-01', now)).toThrow(/in the past/);
    expect(() => expiryDate('soon', now)).toThrow(/neither a date/);
  });
});

describe('what a key limited to namespaces sees', () => {
  const shop: Principal = { kind: 'key', id: 'k', role: 'viewer', namespaces: ['shop'] };
  const bio: Principal = { ...shop, namespaces: ['bio'] };
  it('dbt and OpenLineage nodes of its namespaces, bio data with the bio scope, shared vocabulary, nothing else', () => {
    expect(canSee(shop, 'urn:dbt:shop:model.shop.orders')).toBe(true);
    expect(canSee(shop, 'urn:dbt:shop:model.shop.orders#id')).toBe(true);
    expect(canSee(shop, 'urn:dbt:shopping:model.shopping.orders')).toBe(false);
    expect(canSee(shop, 'urn:ol:dataset:shop:orders', ['Dataset'], { namespace: 'shop' })).toBe(true);
    expect(canSee(shop, 'urn:ol:dataset:shop:x:orders', ['Dataset'], { namespace: 'shop:x' })).toBe(false);
    expect(canSee(shop, 'urn:ol:run:0190c4b4', ['Run'])).toBe(false);
    expect(canSee(shop, 'HGNC:9008', ['Gene'])).toBe(false);
    expect(canSee(bio, 'HGNC:9008', ['Gene'])).toBe(true);
    expect(canSee(shop, 'urn:tag:pii')).toBe(true);
    expect(canSee(shop, 'urn:helix:ingestion:1')).toBe(false);
    expect(canSee(shop, 'urn:dbt:invocation:abc')).toBe(false);
    expect(canSee(shop, 'urn:helix:violation:r|urn:dbt:shop:x', ['Violation'], { namespace: 'shop' })).toBe(true);
  });
});
