import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/load.js';
import { expensivePerMinute } from '../../../../src/auth/rate-limits.js';

describe('configuration', () => {
  it('has working development defaults', () => {
    const c = loadConfig({});
    expect(c.HELIX_PORT).toBe(4000);
    expect(c.NEO4J_URI).toBeUndefined();
    expect(c.HELIX_NEO4J_AUTH).toBe(false);
  });

  it('hardening settings (#12): batching off, the expensive budget a tenth of the request budget unless set, _ONLY needs a file', () => {
    const c = loadConfig({});
    expect(c.HELIX_GRAPHQL_BATCH_LIMIT).toBe(0);
    expect(expensivePerMinute(c)).toBe(60);
    expect(expensivePerMinute(loadConfig({ HELIX_RATE_LIMIT_PER_MINUTE: '5' }))).toBe(1);
    expect(expensivePerMinute(loadConfig({ HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '7' }))).toBe(7);
    expect(() => loadConfig({ HELIX_PERSISTED_OPERATIONS_ONLY: 'true' })).toThrow(/HELIX_PERSISTED_OPERATIONS_ONLY is on but HELIX_PERSISTED_OPERATIONS names no file/);
    expect(() => loadConfig({ HELIX_GRAPHQL_BATCH_LIMIT: '1000' })).toThrow(/HELIX_GRAPHQL_BATCH_LIMIT/);
  });

  it('rejects malformed values with the setting named', () => {
    expect(() => loadConfig({ HELIX_PORT: 'eighty' })).toThrow(/HELIX_PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'not a uri' })).toThrow(/NEO4J_URI/);
  });

  it('refuses unsafe production settings, naming each problem', () => {
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', NEO4J_URI: 'bolt://db:7687', HELIX_CORS_ORIGINS: '*' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/HELIX_AUTH_TOKEN/);
    expect(message).toMatch(/NEO4J_PASSWORD/);
    expect(message).toMatch(/HELIX_CORS_ORIGINS/);
    expect(message).toMatch(/REDIS_URL/);
  });

  it('accepts a complete production configuration', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      NEO4J_URI: 'bolt://db:7687',
      NEO4J_PASSWORD: 's3cret',
      // 32 random bytes as hex: production refuses guessable tokens (security review, #12 finding 2).
      HELIX_AUTH_TOKEN: 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2',
      REDIS_URL: 'redis://redis:6379',
      HELIX_CORS_ORIGINS: 'https://bi.example.com',
    });
    expect(c.NODE_ENV).toBe('production');
  });

  it('refuses a production token shorter than 32 random bytes', () => {
    const settings = { NODE_ENV: 'production', NEO4J_URI: 'bolt://db:7687', NEO4J_PASSWORD: 's3cret', REDIS_URL: 'redis://redis:6379', HELIX_CORS_ORIGINS: 'https://bi.example.com' };
    expect(() => loadConfig({ ...settings, HELIX_AUTH_TOKEN: 'k7' })).toThrow(/HELIX_AUTH_TOKEN has 2 characters: use at least 43 random ones/);
    expect(() => loadConfig({ ...settings, HELIX_AUTH_TOKEN: 'x'.repeat(43) })).not.toThrow();
  });
});
