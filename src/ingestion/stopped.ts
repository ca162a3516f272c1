/** Why an ingestion stopped before its end: cancelIngestion, or its worker shutting down (the job is handed back). */
export type StopReason = 'cancel' | 'shutdown';

/** Thrown at a batch boundary when the ingestion's signal is aborted; the lifecycle turns it into the record's state. */
export class IngestionStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(reason === 'cancel' ? 'cancelled' : 'stopped: the worker is shutting down; the job goes back to the queue');
    this.name = 'IngestionStopped';
  }
}

export function stopReason(signal: AbortSignal | undefined): StopReason | undefined {
  if (!signal?.aborted) return undefined;
  return signal.reason === 'cancel' ? 'cancel' : 'shutdown';
}
