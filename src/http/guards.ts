import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { HelixContext } from '../app/context.js';
import { credentialOf, type Authenticator } from '../auth/authenticate.js';
import { sameSecret } from '../auth/key-secret.js';
import { requestPrincipal } from '../auth/request-principal.js';
import { roleAllows, type Role } from '../auth/roles.js';
import { RedisCache } from '../cache/redis-cache.js';

/**
 * /metrics: with HELIX_METRICS_TOKEN, that token (a scraper's own); otherwise, whenever the API requires
 * authentication, an admin credential (HELIX_AUTH_TOKEN or an admin key); open only when authentication is off.
 */
export async function metricsAllowed(req: IncomingMessage, metricsToken: string | undefined, auth: Authenticator): Promise<boolean> {
  if (metricsToken) {
    const given = credentialOf(req);
    return given !== undefined && sameSecret(given, metricsToken);
  }
  if (!auth.required) return true;
  const principal = await auth.authenticate(req);
  return principal !== undefined && roleAllows(principal.role, 'admin');
}

/** Per-client request budget, shared through Redis when the cache is Redis, per process otherwise. */
export function createRateLimiter(helix: HelixContext): RateLimiterAbstract {
  const opts = { points: helix.config.HELIX_RATE_LIMIT_PER_MINUTE, duration: 60, keyPrefix: helix.config.HELIX_RATE_LIMIT_KEY_PREFIX };
  if (helix.cache instanceof RedisCache) {
    return new RateLimiterRedis({ ...opts, storeClient: helix.cache.client, insuranceLimiter: new RateLimiterMemory(opts) });
  }
  return new RateLimiterMemory(opts);
}

/**
 * Failed authentications per address: an address past HELIX_AUTH_FAILURES_PER_MINUTE is refused (429) until the
 * minute is over, even with the right token, so a token cannot be guessed by volume. Shared through Redis like the
 * request budget.
 */
export function createAuthFailureLimiter(helix: HelixContext): RateLimiterAbstract {
  const opts = { points: helix.config.HELIX_AUTH_FAILURES_PER_MINUTE, duration: 60, keyPrefix: `${helix.config.HELIX_RATE_LIMIT_KEY_PREFIX}:authfail` };
  if (helix.cache instanceof RedisCache) {
    return new RateLimiterRedis({ ...opts, storeClient: helix.cache.client, insuranceLimiter: new RateLimiterMemory(opts) });
  }
  return new RateLimiterMemory(opts);
}

export function clientKey(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The route-level twin of the GraphQL access rules: the request's principal (authenticated by the server) must hold
 * `role`; otherwise the answer is 403 FORBIDDEN with the reason, and false is returned.
 */
export function requireRole(req: IncomingMessage, res: ServerResponse, role: Role, what: string): boolean {
  const principal = requestPrincipal(req);
  if (roleAllows(principal.role, role)) return true;
  forbidden(req, res, `${what} needs the ${role} role; this caller is a ${principal.role}`);
  return false;
}

/** 403 with a reason; the body is drained so the client reads the answer. */
export function forbidden(req: IncomingMessage, res: ServerResponse, message: string): void {
  req.resume();
  res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code: 403, error: { code: 'FORBIDDEN', message }, errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }));
}
