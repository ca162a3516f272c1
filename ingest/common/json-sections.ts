import { createReadStream } from 'node:fs';
import { JsonScanner, type ScanSelector } from './json-scan.js';
import { parseLenientJson, type NonFiniteReport } from './lenient-json.js';

/**
 * How a top-level key of a JSON object document is consumed:
 * - `value`: the whole value is parsed and handed over once;
 * - `entries`: the value is an object (or array) whose members are parsed and handed over one at a time;
 * - `keys`: only the member keys of the object are reported, their values are not handed over.
 * Keys without a mode are not handed over either.
 */
export type SectionMode = 'value' | 'entries' | 'keys';

export interface SectionHandlers {
  modes: Readonly<Record<string, SectionMode>>;
  onValue?(section: string, value: unknown): void;
  /** `key` is the member key, or the index (as a string) when the section is an array. */
  onEntry?(section: string, key: string, value: unknown): void;
  onKey?(section: string, key: string): void;
  /** Called once per top-level key that has a mode, before its value (so an empty collection is still seen). */
  onSection?(section: string): void;
}

/** A JSON file that cannot be read as a document; `line` is where the syntax breaks when it can be located. */
export class JsonReadError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'JsonReadError';
  }
}

/**
 * Where a file's JSON syntax breaks (stream-json's verifier, loaded only once a read has failed), so the message names
 * the same line as before; undefined when the file is valid JSON.
 */
async function syntaxErrorLine(file: string): Promise<number | undefined> {
  try {
    const { verifyFile } = await import('stream-json/file/verifier.js');
    await verifyFile(file);
    return undefined;
  } catch (error) {
    const line = (error as { line?: unknown }).line;
    return typeof line === 'number' ? line : undefined;
  }
}

type Target = { kind: 'section'; section: string } | { kind: 'entry'; section: string; key: string } | { kind: 'check' };

/**
 * Streams a JSON object document from disk (JsonScanner, select mode) and hands its top-level sections to
 * `handlers`. Memory stays bounded by what the handlers keep plus the largest single entry. Every value is parsed,
 * also those not handed over, so a syntax error anywhere rejects the file with its line (JsonReadError). Bare
 * NaN/Infinity are read as null and reported (count, first line).
 */
export async function readJsonSections(file: string, handlers: SectionHandlers): Promise<NonFiniteReport> {
  const report: NonFiniteReport = { count: 0 };
  const fail = (message: string): never => {
    throw new Error(message);
  };
  let sawRoot = false;
  /** The entered section (entries/keys mode, or one without a mode whose members are only checked). */
  let section: { name: string; mode: SectionMode | undefined; isArray: boolean } | undefined;
  let target: Target = { kind: 'check' };

  const selector: ScanSelector = {
    select(key, depth, kind) {
      const container = kind === 'object' || kind === 'array';
      if (depth === 0) {
        if (sawRoot) fail('unexpected data after the top-level object');
        if (kind !== 'object') fail('the document root is not a JSON object');
        sawRoot = true;
        return 'enter';
      }
      if (depth === 1) {
        const name = String(key);
        const mode = handlers.modes[name];
        if (mode !== undefined) handlers.onSection?.(name);
        if (container && mode !== 'value') {
          section = { name, mode, isArray: kind === 'array' };
          return 'enter';
        }
        target = mode === undefined ? { kind: 'check' } : { kind: 'section', section: name };
        return 'capture';
      }
      const s = section!;
      if (s.mode === 'entries') target = { kind: 'entry', section: s.name, key: String(key) };
      else {
        if (s.mode === 'keys' && !s.isArray) handlers.onKey?.(s.name, String(key));
        target = { kind: 'check' };
      }
      return 'capture';
    },
    error: (message) => fail(`invalid JSON: ${message}`),
  };

  const scanner = new JsonScanner([], 'select', (text, _key, line) => {
    let value: unknown;
    try {
      const parsed = parseLenientJson(text);
      value = parsed.value;
      if (parsed.nonFinite.count > 0) {
        report.count += parsed.nonFinite.count;
        report.firstLine ??= line + (parsed.nonFinite.firstLine ?? 1) - 1;
      }
    } catch (error) {
      fail((error as Error).message);
    }
    const t = target;
    if (t.kind === 'section') handlers.onValue?.(t.section, value);
    else if (t.kind === 'entry') handlers.onEntry?.(t.section, t.key, value);
  }, selector);

  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input as AsyncIterable<string>) scanner.push(chunk);
    if (!sawRoot || scanner.open || scanner.pendingLine !== undefined) fail('the JSON document is truncated');
  } catch (error) {
    throw new JsonReadError(`cannot read ${file}: ${(error as Error).message}`, file, await syntaxErrorLine(file));
  } finally {
    input.destroy();
  }
  return report;
}

/** The same walk over an already parsed object (artifacts handed over in memory). */
export function visitSections(document: unknown, handlers: SectionHandlers): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new Error('the document root is not a JSON object');
  }
  for (const [section, value] of Object.entries(document)) {
    const mode = handlers.modes[section];
    if (mode === undefined) continue;
    handlers.onSection?.(section);
    const container = value !== null && typeof value === 'object';
    if (mode === 'value' || !container) {
      handlers.onValue?.(section, value);
    } else if (Array.isArray(value)) {
      if (mode === 'entries') value.forEach((item, index) => handlers.onEntry?.(section, String(index), item));
    } else {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        if (mode === 'keys') handlers.onKey?.(section, key);
        else handlers.onEntry?.(section, key, entry);
      }
    }
  }
}
