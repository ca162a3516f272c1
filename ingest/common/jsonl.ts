import { parseLenientJson } from './lenient-json.js';
import { readLines } from './text-stream.js';

export type JsonLine =
  | { line: number; value: unknown; replaced: number; error?: undefined }
  | { line: number; error: string; value?: undefined };

/** One JSON value per non-empty line; a broken line is reported (not thrown) so the stream goes on. */
export async function* readJsonLines(file: string): AsyncGenerator<JsonLine> {
  for await (const { line, text } of readLines(file)) {
    if (text.trim() === '') continue;
    try {
      const { value, nonFinite } = parseLenientJson(text);
      yield { line, value, replaced: nonFinite.count };
    } catch (err) {
      yield { line, error: (err as Error).message };
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
