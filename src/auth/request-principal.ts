import type { IncomingMessage } from 'node:http';
import { OPEN_PRINCIPAL, type Principal } from './principal.js';

/** The principal the HTTP server authenticated for a request, for the routes and GraphQL context behind it. */
const principals = new WeakMap<IncomingMessage, Principal>();

export function setRequestPrincipal(req: IncomingMessage, principal: Principal): void {
  principals.set(req, principal);
}

/**
 * The request's principal. A request the server did not authenticate (yoga.fetch inside this process, an
 * unguarded route with auth off) is the open principal: the HTTP server authenticates every guarded route first.
 */
export function requestPrincipal(req: IncomingMessage | undefined): Principal {
  return (req && principals.get(req)) ?? OPEN_PRINCIPAL;
}
