import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parser, type Token } from 'stream-json/parser.js';
import { verifyFile } from 'stream-json/file/verifier.js';
import { NonFiniteRewriter, nonFiniteRewriteStream, type NonFiniteReport } from '../../common/lenient-json.js';
import { SectionVisitor, type SectionHandlers } from './section-visitor.js';

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
 * Streams a JSON object document from disk and hands its top-level sections to `handlers` (see SectionVisitor).
 * Memory stays bounded by what the handlers keep plus the largest single entry. Bare NaN/Infinity tokens are read
 * as null and reported.
 */
export async function readJsonSections(file: string, handlers: SectionHandlers): Promise<NonFiniteReport> {
  const rewriter = new NonFiniteRewriter();
  const visitor = new SectionVisitor(handlers);
  const sink = new Writable({
    objectMode: true,
    write(token: Token, _enc, done) {
      try {
        visitor.consume(token);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await pipeline(
      createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }),
      nonFiniteRewriteStream(rewriter),
      parser.asStream({ streamValues: false }),
      sink,
    );
  } catch (error) {
    throw new JsonReadError(`cannot read ${file}: ${(error as Error).message}`, file, await syntaxErrorLine(file));
  }
  if (!visitor.complete) throw new JsonReadError(`cannot read ${file}: the JSON document is truncated`, file);
  return rewriter.report;
}

/** Locates a syntax error for the issue message; only called once a read has already failed. */
async function syntaxErrorLine(file: string): Promise<number | undefined> {
  try {
    await verifyFile(file);
    return undefined;
  } catch (error) {
    const line = (error as { line?: unknown }).line;
    return typeof line === 'number' ? line : undefined;
  }
}
