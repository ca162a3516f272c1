import { isRetryableError } from 'neo4j-driver';

export interface ReadRetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The driver's maxTransactionRetryTime (NEO4J_MAX_RETRY_MS): no attempt starts once this much time has passed. */
  maxRetryMs: number;
  /** First backoff; each next one doubles, ±20% jitter (the driver's multiplier and jitter). */
  initialDelayMs: number;
  /** Checked before each retry: throws to stop (Neo4j known to be away: no point waiting on it). */
  beforeRetry?: () => void;
  /** Told of each retry (logs). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Auto-commit reads lose the managed transaction's retries, so they get their own, on the same errors
 * (`isRetryableError`: transient errors, ServiceUnavailable, SessionExpired — a reader that went away, a memory pool
 * that was full), but bounded for a request that someone waits on: a few attempts with a short backoff, never past
 * the driver's retry time. A read changes nothing, so running it again is always safe.
 */
export async function withReadRetry<T>(attempt: () => Promise<T>, o: ReadRetryOptions): Promise<T> {
  const began = performance.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const delayMs = retryDelayMs(o.initialDelayMs, n);
      if (n >= o.attempts || !isRetryableError(error) || performance.now() - began + delayMs > o.maxRetryMs) throw error;
      o.onRetry?.(error, n, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      o.beforeRetry?.();
    }
  }
}

/** The backoff after attempt `n` (1-based): initial × 2^(n-1), ±20%. */
export function retryDelayMs(initialMs: number, n: number): number {
  const base = initialMs * 2 ** (n - 1);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
