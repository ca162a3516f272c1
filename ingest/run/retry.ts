import { HelixError } from '../../src/errors.js';

const TRANSIENT = new Set(['DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'TIMEOUT', 'DATABASE_ERROR']);

/** Retries a batch write on transient database errors with exponential backoff (deadlocks, restarts, timeouts). */
export async function withRetry<T>(work: () => Promise<T>, o: { attempts?: number; baseMs?: number; onRetry?: (n: number, e: unknown) => void } = {}): Promise<T> {
  const attempts = o.attempts ?? 5;
  for (let n = 1; ; n++) {
    try {
      return await work();
    } catch (error) {
      const transient = error instanceof HelixError && TRANSIENT.has(error.code);
      if (!transient || n >= attempts) throw error;
      o.onRetry?.(n, error);
      await new Promise((r) => setTimeout(r, (o.baseMs ?? 200) * 2 ** (n - 1)));
    }
  }
}
