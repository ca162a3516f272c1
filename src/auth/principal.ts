import type { Role } from './roles.js';

/**
 * Who is asking, once authenticated: an API key, the deployment's HELIX_AUTH_TOKEN, an OIDC subject, or (with
 * HELIX_AUTH_MODE=off, and inside this process) nobody in particular with every right.
 */
export interface Principal {
  kind: 'key' | 'token' | 'oidc' | 'open';
  /** Key id, `token`, the OIDC subject (`oidc:<sub>`), or `open`: what the audit trail records as "who". */
  id: string;
  role: Role;
  /** Namespaces this caller may see; null = every namespace. */
  namespaces: readonly string[] | null;
}

/** Auth off (development) and in-process callers (CLI, tests without a server): everything, as admin. */
export const OPEN_PRINCIPAL: Principal = Object.freeze({ kind: 'open', id: 'open', role: 'admin', namespaces: null });

/** The deployment's HELIX_AUTH_TOKEN: an admin key for compatibility. */
export const TOKEN_PRINCIPAL: Principal = Object.freeze({ kind: 'token', id: 'token', role: 'admin', namespaces: null });

/** Whether the principal may see data of `namespace`. */
export function seesNamespace(p: Principal, namespace: string | null | undefined): boolean {
  if (p.namespaces === null) return true;
  return namespace !== null && namespace !== undefined && p.namespaces.includes(namespace);
}

/** What cached answers are keyed by: principals with the same visibility share answers, others never do. */
export function visibilityKey(p: Principal): string {
  return p.namespaces === null ? 'all' : `ns:${[...p.namespaces].sort().join(',')}`;
}
