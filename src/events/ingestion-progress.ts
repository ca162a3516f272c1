import { helixEvents, type IngestionProgressEvent } from './bus.js';

/** Announces an ingestion's checkpoint or end on the bus (never throws: progress is informational). */
export function publishIngestionProgress(e: Omit<IngestionProgressEvent, 'at'>): void {
  if (!helixEvents.hasAudience('ingestionProgress')) return;
  helixEvents.publish('ingestionProgress', { ...e, at: new Date().toISOString() });
}
