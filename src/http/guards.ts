import type { IncomingMessage, ServerResponse } from 'node:http';
import { credentialOf, type Authenticator } from '../auth/authenticate.js';
import { sameSecret } from '../auth/key-secret.js';
import { requestPrincipal } from '../auth/request-principal.js';
import { roleAllows, type Role } from '../auth/roles.js';

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

/** The caller's address: the key of failed-authentication budgets, and of budgets of unauthenticated callers. */
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
