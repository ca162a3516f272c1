import { helixEvents, type IngestionProgressEvent } from './bus.js';

/** Announces an ingestion's checkpoint or end on the bus (never throws: progress is informational). */
export function publishIngestionProgress(e: Omit<IngestionProgressEvent, 'at'>): void {
  // A worker process has no subscriber of its own: its events still go to the API processes through the relay.
  if (!helixEvents.hasAudience('ingestionProgress')) return;
  helixEvents.publish('ingestionProgress', { ...e, at: new Date().toISOString() });
}
