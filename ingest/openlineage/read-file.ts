import { readJsonValues } from '../common/json-values.js';

export interface OpenLineageFileItem {
  /** The parsed event; undefined when `error` is set. */
  event: unknown;
  /** 1-based line the event starts on. */
  line: number;
  /** Why this part of the file could not be read as JSON. */
  error?: string;
}

/**
 * Reads OpenLineage events from a file holding one JSON object, a JSON array of events, NDJSON (one event per
 * line) or concatenated objects. A broken NDJSON line or array element is yielded as an item with `error` and
 * reading goes on.
 */
export async function* readOpenLineageFile(file: string): AsyncGenerator<OpenLineageFileItem> {
  for await (const item of readJsonValues(file)) {
    yield item.error === undefined ? { event: item.value, line: item.line } : { event: undefined, line: item.line, error: item.error };
  }
}
