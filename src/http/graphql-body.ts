import type { IncomingMessage } from 'node:http';

/** The content types Yoga's JSON parser takes (graphql-yoga post-json.ts: the first of a list, parameters allowed). */
const JSON_TYPES = ['application/json', 'application/graphql+json'];

export function isJsonPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const type = req.headers['content-type']?.split(',')[0];
  return type !== undefined && JSON_TYPES.some((t) => type === t || type.startsWith(`${t};`));
}

/**
 * Reads a JSON GraphQL body (its length already checked against HELIX_MAX_BODY_BYTES) and hands it to Yoga as
 * whatwg-node's `req.body`: Yoga then takes it as is instead of streaming it through web streams and a byte-counting
 * transform (a third of bare Yoga's CPU for a small query, issue #17). Only a non-empty JSON object or array is
 * handed over parsed; anything else (invalid JSON, `{}`, `null`, a number) is handed over as the text it was, so
 * Yoga answers it exactly as before (whatwg-node reads a string body like a streamed one).
 */
export async function preReadJsonBody(req: IncomingMessage): Promise<void> {
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const whole = parsed !== null && typeof parsed === 'object' && Object.keys(parsed).length > 0;
  (req as IncomingMessage & { body?: unknown }).body = whole ? parsed : text;
}
