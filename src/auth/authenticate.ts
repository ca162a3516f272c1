import type { IncomingMessage } from 'node:http';
import type { Config } from '../config/schema.js';
import type { Executor } from '../db/executor.js';
import { authMethods, type AuthMethod } from './auth-mode.js';
import type { Cache } from '../cache/cache.js';
import { verifyApiKeyWithExpiry } from './api-keys.js';
import { VerifiedKeys } from './key-cache.js';
import { parseKey, sameSecret } from './key-secret.js';
import { looksLikeJwt, oidcVerifier } from './oidc.js';
import { OPEN_PRINCIPAL, TOKEN_PRINCIPAL, type Principal } from './principal.js';

/**
 * Turns a request's `Authorization` header into a Principal under HELIX_AUTH_MODE. With the mode off everyone is
 * the open principal; otherwise a request is the deployment token (an admin key), an API key or an OIDC token,
 * whichever the mode allows and the credential is shaped like, or unauthenticated (undefined).
 */
export class Authenticator {
  readonly methods: ReadonlySet<AuthMethod>;
  private oidc?: Promise<(token: string) => Promise<Principal | undefined>>;

  private readonly verifiedKeys?: VerifiedKeys;

  constructor(
    private readonly config: Config,
    private readonly exec: Executor,
    cache?: Cache,
  ) {
    this.methods = authMethods(config);
    if (cache) this.verifiedKeys = new VerifiedKeys(cache, config.HELIX_KEY_CACHE_MS);
  }

  /** Whether requests must carry a credential at all. */
  get required(): boolean {
    return this.methods.size > 0;
  }

  async authenticate(req: IncomingMessage): Promise<Principal | undefined> {
    if (!this.required) return OPEN_PRINCIPAL;
    const presented = credentialOf(req);
    return presented ? this.verify(presented) : undefined;
  }

  async verify(presented: string): Promise<Principal | undefined> {
    if (!this.required) return OPEN_PRINCIPAL;
    const token = this.config.HELIX_AUTH_TOKEN;
    if (token && sameSecret(presented, token)) return TOKEN_PRINCIPAL;
    if (this.methods.has('keys') && parseKey(presented)) {
      const recalled = await this.verifiedKeys?.recall(presented);
      if (recalled?.principal) return recalled.principal;
      const verified = await verifyApiKeyWithExpiry(this.exec, presented);
      if (verified) {
        if (recalled) this.verifiedKeys!.remember(presented, verified.principal, recalled.epoch, verified.expiresAt);
        return verified.principal;
      }
    }
    if (this.methods.has('oidc') && looksLikeJwt(presented)) {
      this.oidc ??= oidcVerifier(this.config);
      return (await this.oidc)(presented);
    }
    return undefined;
  }
}

/** `Authorization: Bearer <credential>`; the bare credential without `Bearer ` is accepted too (compatibility). */
export function credentialOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization?.trim();
  if (!header) return undefined;
  return header.replace(/^Bearer\s+/i, '') || undefined;
}
