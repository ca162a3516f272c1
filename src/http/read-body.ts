import type { IncomingMessage } from 'node:http';
import { HelixError } from '../errors.js';

/** A body over the route's limit: answered 413 (the client should split or shrink the request). */
export class BodyTooLargeError extends HelixError {
  constructor(readonly limit: number) {
    super('BAD_USER_INPUT', `request body larger than ${limit} bytes`);
  }
}

/** Reads a request body up to `limit` bytes (BodyTooLargeError beyond), as text. */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume(); // drain the rest so the client reads the 413 instead of a reset connection
      throw new BodyTooLargeError(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
