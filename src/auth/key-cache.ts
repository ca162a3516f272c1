import { createHash, randomUUID } from 'node:crypto';
import type { Cache } from '../cache/cache.js';
import type { Principal } from './principal.js';

/**
 * Verified API keys, remembered per process so that a request does not cost a Neo4j read (measured: a key lookup
 * per request took 40-60% of the `{ __typename }` rate). Revocation stays immediate on every process: revoking
 * writes a new revocation epoch to the shared cache (Redis), every request reads it (one GET, like the rate
 * limiter's), and a remembered key is trusted only under the epoch it was verified in. Should that signal be lost
 * (a revocation by a CLI without REDIS_URL, Redis down), HELIX_KEY_CACHE_MS still bounds how long a key is trusted.
 */
const EPOCH_KEY = 'auth:key-revocation-epoch';
const EPOCH_TTL_SECONDS = 30 * 24 * 3600;

export class VerifiedKeys {
  private readonly entries = new Map<string, { principal: Principal; epoch: string; until: number }>();

  constructor(
    private readonly cache: Cache,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The remembered principal of `presented`, or undefined (then verify it and `remember`). */
  async recall(presented: string): Promise<{ principal?: Principal; epoch: string }> {
    const epoch = await currentEpoch(this.cache);
    if (this.ttlMs === 0) return { epoch };
    const id = fingerprint(presented);
    const e = this.entries.get(id);
    if (e && e.epoch === epoch && e.until > Date.now()) return { principal: e.principal, epoch };
    if (e) this.entries.delete(id);
    return { epoch };
  }

  remember(presented: string, principal: Principal, epoch: string, expiresAt: string | null): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const expires = expiresAt ? Date.parse(expiresAt) : Infinity;
    this.entries.set(fingerprint(presented), { principal, epoch, until: Math.min(Date.now() + this.ttlMs, expires) });
  }
}

/**
 * Called after a key is revoked (API or CLI): every process's remembered keys are re-verified from now on. True when
 * the new epoch is confirmed in the shared cache; false when other processes could not be told (no Redis, or it did
 * not answer): they then refuse the key only once HELIX_KEY_CACHE_MS has passed, and the caller says so.
 */
export async function announceKeyRevocation(cache: Cache): Promise<boolean> {
  const epoch = randomUUID();
  await cache.set(EPOCH_KEY, epoch, EPOCH_TTL_SECONDS);
  return cache.kind === 'redis' && (await cache.get(EPOCH_KEY)) === epoch;
}

/** What a revocation that could not be announced means for whoever revoked the key. */
export const UNANNOUNCED_REVOCATION =
  'the key is revoked, but other server processes could not be told at once (REDIS_URL unset or Redis not answering): they refuse it within HELIX_KEY_CACHE_MS';

async function currentEpoch(cache: Cache): Promise<string> {
  return (await cache.get(EPOCH_KEY)) ?? 'initial';
}

/** Remembered keys are found by a hash of the presented credential, never by the credential itself. */
function fingerprint(presented: string): string {
  return createHash('sha256').update(presented).digest('base64url');
}
