import type { Config } from '../config/schema.js';
import type { Principal } from './principal.js';
import { ROLES, isRole, type Role } from './roles.js';

type JwtVerifier = (token: string) => Promise<Principal | undefined>;

/**
 * OIDC bearer tokens (SSO): a JWT signed by one of the issuer's JWKS keys, for our audience, unexpired. The role
 * and namespaces come from configurable claims (dotted paths reach nested claims, e.g. `realm_access.roles`); a
 * list of roles grants the highest Helix role in it; a token with no Helix role is not a Helix identity.
 */
export async function oidcVerifier(c: Config): Promise<JwtVerifier> {
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  const jwks = createRemoteJWKSet(new URL(c.HELIX_OIDC_JWKS_URL!), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: c.HELIX_OIDC_ISSUER, audience: c.HELIX_OIDC_AUDIENCE, clockTolerance: 30 }));
    } catch {
      return undefined;
    }
    const role = highestRole(claim(payload, c.HELIX_OIDC_ROLE_CLAIM));
    if (!role || typeof payload.sub !== 'string') return undefined;
    const ns = claim(payload, c.HELIX_OIDC_NAMESPACES_CLAIM);
    const namespaces = ns === undefined || ns === null ? null : listOf(ns);
    return { kind: 'oidc', id: `oidc:${payload.sub}`, role, namespaces };
  };
}

/** Three base64url parts: a JWT, as opposed to a Helix key or the deployment token. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

function claim(payload: Record<string, unknown>, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), payload);
}

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return String(v).split(/[\s,]+/).filter(Boolean);
}

function highestRole(v: unknown): Role | undefined {
  if (v === undefined || v === null) return undefined;
  const held = listOf(v).filter(isRole);
  return [...ROLES].reverse().find((r) => held.includes(r));
}
