import { readSseFrames } from '../../../../support/sse-stream.js';

/** A GraphQL subscription over Server-Sent Events, read the way a browser's EventSource would. */
export interface SseSubscription {
  /** The next result (`{data}` or `{errors}`); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<any>;
  /** Results received and not yet taken. */
  pending(): number;
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

export async function subscribe(url: string, query: string, variables: Record<string, unknown> = {}): Promise<SseSubscription> {
  const abort = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  // A subscription refused at its start is still an event stream carrying the errors. (Its HTTP status is 200 under
  // Node; under vitest graphql is loaded twice, Yoga does not recognise the errors' class and answers 500.)
  if (!res.body || !String(res.headers.get('content-type')).startsWith('text/event-stream')) {
    throw new Error(`subscription failed: HTTP ${res.status} ${await res.text()}`);
  }
  const queue: any[] = [];
  const waiters: Array<(v: any) => void> = [];
  const deliver = (v: any) => (waiters.length > 0 ? waiters.shift()!(v) : queue.push(v));
  const ended = readSseFrames(res.body, ({ event, data }) => {
    if (event !== 'complete' && data !== '') deliver(JSON.parse(data));
  });
  return {
    next(timeoutMs = 10_000) {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no subscription event within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (v: any) => {
          clearTimeout(timer);
          resolve(v);
        };
        waiters.push(waiter);
      });
    },
    pending: () => queue.length,
    close: () => abort.abort(),
    ended,
  };
}

/** Waits until `check` holds (polling), failing after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
