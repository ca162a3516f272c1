import { Readable, type Duplex } from 'node:stream';
import parserStream from 'stream-json';
import ignore from 'stream-json/filters/ignore.js';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import streamValues from 'stream-json/streamers/stream-values.js';
import { NonStandardJsonSanitizer, sanitizeJsonChunks } from './lenient-json.js';
import { openContent } from './text-stream.js';

interface Keyed {
  key: number;
  value: unknown;
}

async function* run(file: string, stages: Duplex[], sanitizer: NonStandardJsonSanitizer): AsyncGenerator<unknown> {
  const content = await openContent(file);
  content.setEncoding('utf8');
  const source = Readable.from(sanitizeJsonChunks(content, sanitizer));
  const last = stages[stages.length - 1]!;
  for (const s of [content, source, ...stages]) s.on('error', (err: Error) => last.destroy(err));
  let stream: NodeJS.ReadableStream = source;
  for (const s of stages) stream = stream.pipe(s);
  try {
    for await (const item of last as AsyncIterable<Keyed>) yield item.value;
  } finally {
    content.destroy();
  }
}

/**
 * Elements of the array at `path` (`'results'`, `'response.docs'`; `''` for a top-level array), one at a time, so
 * memory stays bounded by the largest element. Bare NaN/Infinity are read as null and counted on `sanitizer`.
 */
export function streamJsonArray(
  file: string,
  path: string,
  sanitizer = new NonStandardJsonSanitizer(),
): AsyncGenerator<unknown> {
  const stages: Duplex[] = [parserStream()];
  if (path) stages.push(pick.asStream({ filter: path }));
  stages.push(streamArray.asStream());
  return run(file, stages, sanitizer);
}

/** The top-level JSON value without the (large) subtrees at `omit` paths. */
export async function readJsonWithout(
  file: string,
  omit: string[],
  sanitizer = new NonStandardJsonSanitizer(),
): Promise<unknown> {
  const stages: Duplex[] = [parserStream()];
  if (omit.length) {
    const pattern = new RegExp(`^(${omit.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
    stages.push(ignore.asStream({ filter: pattern }));
  }
  stages.push(streamValues.asStream());
  for await (const value of run(file, stages, sanitizer)) return value;
  return undefined;
}
