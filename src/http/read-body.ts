import type { IncomingMessage } from 'node:http';
import { HelixError } from '../errors.js';

/** Reads a request body up to `limit` bytes (413-worthy beyond), as text. */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HelixError('BAD_USER_INPUT', `request body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
