import { createPubSub, type PubSubEventTarget } from 'graphql-yoga';
import { helixEvents, type ConformanceProgressEvent, type IngestionProgressEvent, type RunUpdatedEvent } from '../events/bus.js';

type Topics = { runUpdated: [RunUpdatedEvent]; ingestionProgress: [IngestionProgressEvent]; conformanceProgress: [ConformanceProgressEvent] };
type Listener = (event: Event) => void;

/**
 * The pub/sub's event target. It counts live subscribers per topic (readiness checks, metrics) and shields the
 * publisher from a listener that throws: a subscriber too slow to keep up (its queue overflows) loses events,
 * it never crashes the process (Node reports listener errors as uncaught exceptions).
 */
class SubscriberTarget extends EventTarget {
  private readonly counts = new Map<string, number>();
  private readonly wrapped = new WeakMap<object, Listener>();

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    if (!listener) return;
    const call: Listener = typeof listener === 'function' ? listener : (e) => listener.handleEvent(e);
    const safe: Listener = (e) => {
      try {
        call(e);
      } catch {
        // The slow subscriber misses this event.
      }
    };
    this.wrapped.set(listener, safe);
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    super.addEventListener(type, safe, options);
  }

  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void {
    const safe = listener ? this.wrapped.get(listener) : undefined;
    if (!safe) return;
    this.wrapped.delete(listener!);
    this.counts.set(type, Math.max(0, (this.counts.get(type) ?? 0) - 1));
    super.removeEventListener(type, safe, options);
  }

  count(type: string): number {
    return this.counts.get(type) ?? 0;
  }
}

function createHelixPubSub(target: SubscriberTarget) {
  // At runtime Yoga's typed target is a plain EventTarget dispatching CustomEvents.
  return createPubSub<Topics>({ eventTarget: target as unknown as PubSubEventTarget<Topics> });
}

export type HelixPubSub = ReturnType<typeof createHelixPubSub>;

let shared: { pubsub: HelixPubSub; target: SubscriberTarget } | undefined;
/** Aborted when the server shuts down: every subscription then completes (see endSubscriptions). */
const closing = new AbortController();

/**
 * Ends every open subscription of this process (graceful shutdown): each stream completes, so the client receives
 * the protocol's final event (`event: complete` over SSE) instead of a reset connection, and its in-flight response
 * ends. Subscriptions opened afterwards complete at once.
 */
export function endSubscriptions(): void {
  closing.abort();
}

/** `source` until it ends or `signal` aborts, whichever comes first. */
function untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncIterableIterator<T> {
  const it = source[Symbol.asyncIterator]();
  const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const aborted = new Promise<IteratorReturnResult<undefined>>((resolve) => {
    if (signal.aborted) resolve(done);
    else signal.addEventListener('abort', () => resolve(done), { once: true });
  });
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      const r = await Promise.race([it.next(), aborted]);
      if (r.done) await it.return?.();
      return r;
    },
    async return() {
      await it.return?.();
      return done;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * GraphQL subscriptions' pub/sub, fed by the in-process event bus that ingestion publishes to (ingestion never
 * imports graphql). One bridge per process, created on first use.
 */
export function subscriptionPubSub(): HelixPubSub {
  if (!shared) {
    const target = new SubscriberTarget();
    const inner = createHelixPubSub(target);
    const pubsub: HelixPubSub = {
      publish: inner.publish,
      subscribe: ((...args: Parameters<HelixPubSub['subscribe']>) => untilAborted(inner.subscribe(...args), closing.signal)) as HelixPubSub['subscribe'],
    };
    helixEvents.subscribe('runUpdated', (e) => pubsub.publish('runUpdated', e));
    helixEvents.subscribe('ingestionProgress', (e) => pubsub.publish('ingestionProgress', e));
    helixEvents.subscribe('conformanceProgress', (e) => pubsub.publish('conformanceProgress', e));
    shared = { pubsub, target };
  }
  return shared.pubsub;
}

/** Subscriptions currently listening to a topic in this process. */
export function subscriberCount(topic: keyof Topics): number {
  return shared?.target.count(topic) ?? 0;
}
