import { JsonScanner } from './json-scan.js';
import { parseLenientJson } from './lenient-json.js';
import { openContent } from './text-stream.js';

/** Counts what lenient parsing had to fix (bare NaN/Infinity read as null). */
export class JsonReadCounter {
  replaced = 0;
}

/** One value under the scanned path: parsed, or the reason it could not be. */
export interface JsonItem {
  key: string | number;
  value?: unknown;
  error?: string;
}

function parseItem(text: string, key: string | number, counter: JsonReadCounter): JsonItem {
  try {
    const { value, nonFinite } = parseLenientJson(text);
    counter.replaced += nonFinite.count;
    return { key, value };
  } catch (err) {
    return { key, error: `${typeof key === 'number' ? `element ${key}` : `"${key}"`}: ${(err as Error).message}` };
  }
}

/**
 * The values directly inside the array or object at `path` (`'results'`, `'response.docs'`, `''` for the root), one
 * at a time: memory is bounded by the largest value. A value that does not parse is an item with `error` (the rest
 * still streams); a missing path or a truncated document ends with an error item.
 */
export async function* streamJsonValues(file: string, path: string, counter = new JsonReadCounter()): AsyncGenerator<JsonItem> {
  const pending: { text: string; key: string | number }[] = [];
  const scanner = new JsonScanner(path ? path.split('.') : [], 'values', (text, key) => pending.push({ text, key }));
  const content = await openContent(file);
  content.setEncoding('utf8');
  try {
    for await (const chunk of content as AsyncIterable<string>) {
      scanner.push(chunk);
      for (const item of pending.splice(0)) yield parseItem(item.text, item.key, counter);
    }
  } finally {
    content.destroy();
  }
  if (!scanner.foundTarget) yield { key: -1, error: `no ${path || 'top-level'} array or object in the document` };
  else if (!scanner.complete) yield { key: -1, error: 'the document ends before its JSON is complete (truncated?)' };
}

/** Values of the array at `path`; see streamJsonValues. */
export const streamJsonArray = streamJsonValues;

/** Members of the object at `path` (`{accession: {...}, …}`); see streamJsonValues. */
export const streamJsonObject = streamJsonValues;

/** The whole document with the container at `omit` emptied (`''`: nothing omitted); throws when it does not parse. */
export async function readJsonWithout(file: string, omit: string, counter = new JsonReadCounter()): Promise<unknown> {
  const scanner = new JsonScanner(omit ? omit.split('.') : ['\u0000'], 'omit');
  const content = await openContent(file);
  content.setEncoding('utf8');
  try {
    for await (const chunk of content as AsyncIterable<string>) scanner.push(chunk);
  } finally {
    content.destroy();
  }
  const { value, nonFinite } = parseLenientJson(scanner.rest());
  counter.replaced += nonFinite.count;
  return value;
}

/**
 * The document's top-level object with the (possibly large) container at `omit` emptied, for readers that stream
 * that container afterwards. An unreadable document, or one that is not an object, is an `error` instead.
 */
export async function readTopObject(file: string, omit: string, counter: JsonReadCounter): Promise<{ value: Record<string, unknown> } | { error: string }> {
  try {
    const value = await readJsonWithout(file, omit, counter);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'JSON unreadable: not a JSON object' };
    return { value: value as Record<string, unknown> };
  } catch (err) {
    return { error: `JSON unreadable: ${(err as Error).message}` };
  }
}
