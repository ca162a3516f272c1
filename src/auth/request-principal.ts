import type { IncomingMessage } from 'node:http';
import { OPEN_PRINCIPAL, type Principal } from './principal.js';

/** The principal the HTTP server authenticated for a request, for the routes and GraphQL context behind it. */
const principals = new WeakMap<IncomingMessage, Principal>();
const rechecks = new WeakMap<IncomingMessage, () => Promise<boolean>>();

/**
 * `recheck`: whether the request's credential is still good, for requests that outlive a moment (subscriptions);
 * given for credentials that can be revoked or expire (API keys, OIDC tokens).
 */
export function setRequestPrincipal(req: IncomingMessage, principal: Principal, recheck?: () => Promise<boolean>): void {
  principals.set(req, principal);
  if (recheck && (principal.kind === 'key' || principal.kind === 'oidc')) rechecks.set(req, recheck);
}

/** The request's recheck (see setRequestPrincipal), if any. */
export function requestRecheck(req: IncomingMessage | undefined): (() => Promise<boolean>) | undefined {
  return req ? rechecks.get(req) : undefined;
}

/**
 * The request's principal. A request the server did not authenticate (yoga.fetch inside this process, an
 * unguarded route with auth off) is the open principal: the HTTP server authenticates every guarded route first.
 */
export function requestPrincipal(req: IncomingMessage | undefined): Principal {
  return (req && principals.get(req)) ?? OPEN_PRINCIPAL;
}
