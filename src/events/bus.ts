import { EventEmitter } from 'node:events';

/** A Run whose state an ingestion changed (OpenLineage events today). */
export interface RunUpdatedEvent {
  urn: string;
  runId: string | null;
  /** Stored status after the change (pending, running, completed, failed, ...). */
  status: string | null;
  /** Jobs the run is an instance of, by urn and by name. */
  jobUrns: string[];
  jobNames: string[];
  eventType: string | null;
  eventTime: string | null;
}

/** Progress of one ingestion: a checkpoint while it runs, then its end. */
export interface IngestionProgressEvent {
  id: string;
  urn: string;
  kind: string | null;
  source: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  /** Input records consumed so far (streamed sources). */
  position: number | null;
  progress: Record<string, unknown> | null;
  durationMs: number | null;
  error: string | null;
  /** When the event was published (ISO-8601). */
  at: string;
}

/** Progress of one conformance evaluation: after each rule, then its end (with the report's totals). */
export interface ConformanceProgressEvent {
  id: string;
  urn: string;
  namespace: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** The rule just evaluated, rules done and in total. */
  rule: string | null;
  done: number;
  total: number;
  score: number | null;
  error: string | null;
  at: string;
}

/** A request to the process running an ingestion (cancelIngestion): stop at the next batch. */
export interface IngestionControlEvent {
  id: string;
  action: 'cancel';
}

export interface HelixEventMap {
  runUpdated: RunUpdatedEvent;
  ingestionControl: IngestionControlEvent;
  ingestionProgress: IngestionProgressEvent;
  conformanceProgress: ConformanceProgressEvent;
}

export type HelixTopic = keyof HelixEventMap;

/**
 * The in-process event bus: ingestion publishes here without knowing who listens (GraphQL subscriptions bridge it
 * to their pub/sub). A listener that throws never disturbs the publisher.
 */
export class HelixEventBus {
  private readonly emitter = new EventEmitter();
  /** Where events published in this process also go (the Redis relay, so other processes hear them). */
  private readonly forwarders = new Set<(topic: HelixTopic, payload: unknown) => void>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<T extends HelixTopic>(topic: T, payload: HelixEventMap[T]): void {
    for (const forward of this.forwarders) {
      try {
        forward(topic, payload);
      } catch {
        // Relaying is best effort; local listeners still hear the event.
      }
    }
    this.deliver(topic, payload);
  }

  /** Hands an event to this process's listeners only (events relayed from another process). */
  deliver<T extends HelixTopic>(topic: T, payload: HelixEventMap[T]): void {
    for (const listener of this.emitter.listeners(topic)) {
      try {
        (listener as (p: HelixEventMap[T]) => void)(payload);
      } catch {
        // A subscriber's failure is its own; ingestion goes on.
      }
    }
  }

  /** Returns the function that removes the listener. */
  subscribe<T extends HelixTopic>(topic: T, listener: (payload: HelixEventMap[T]) => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  addForwarder(forward: (topic: HelixTopic, payload: unknown) => void): () => void {
    this.forwarders.add(forward);
    return () => this.forwarders.delete(forward);
  }

  listenerCount(topic: HelixTopic): number {
    return this.emitter.listenerCount(topic);
  }

  /**
   * Whether anyone may hear an event of this topic: a listener of this process, or another process through a
   * forwarder (the Redis relay). Publishers skip building events nobody hears; with a relay they always build them,
   * since a subscriber of another API process is invisible from here.
   */
  hasAudience(topic: HelixTopic): boolean {
    return this.forwarders.size > 0 || this.emitter.listenerCount(topic) > 0;
  }
}

/** The process-wide bus. */
export const helixEvents = new HelixEventBus();
