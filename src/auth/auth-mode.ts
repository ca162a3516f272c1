import type { Config } from '../config/schema.js';
import { HelixError } from '../errors.js';

export type AuthMethod = 'token' | 'keys' | 'oidc';

/** The methods HELIX_AUTH_MODE turns on; empty = off (no authentication at all). */
export function authMethods(c: Pick<Config, 'HELIX_AUTH_MODE' | 'HELIX_AUTH_TOKEN'>): ReadonlySet<AuthMethod> {
  const raw = c.HELIX_AUTH_MODE?.trim().toLowerCase();
  if (!raw) return new Set(c.HELIX_AUTH_TOKEN ? ['token'] : []);
  const parts = raw.split(/[\s,+]+/).filter(Boolean);
  if (parts.length === 1 && parts[0] === 'off') return new Set();
  const methods = new Set<AuthMethod>();
  for (const p of parts) {
    if (p !== 'token' && p !== 'keys' && p !== 'oidc') {
      throw new HelixError('CONFIG_INVALID', `HELIX_AUTH_MODE: '${p}' is not one of off, token, keys, oidc (keys and oidc may be combined: keys,oidc)`);
    }
    methods.add(p);
  }
  if (methods.has('token') && methods.size > 1) {
    throw new HelixError('CONFIG_INVALID', 'HELIX_AUTH_MODE: token stands alone (HELIX_AUTH_TOKEN is already an admin key in keys and oidc modes)');
  }
  return methods;
}

/** Configuration mistakes of the chosen mode, in any environment (a server must not start half-secured). */
export function authModeProblems(c: Config): string[] {
  const methods = authMethods(c);
  const problems: string[] = [];
  if (methods.has('token') && !c.HELIX_AUTH_TOKEN) problems.push('HELIX_AUTH_MODE=token needs HELIX_AUTH_TOKEN.');
  if (methods.has('oidc')) {
    for (const name of ['HELIX_OIDC_ISSUER', 'HELIX_OIDC_AUDIENCE', 'HELIX_OIDC_JWKS_URL'] as const) {
      if (!c[name]) problems.push(`HELIX_AUTH_MODE=oidc needs ${name}.`);
    }
  }
  return problems;
}
