import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key is `hlx_<id>_<secret>`: the id (16 hex digits) finds the stored key, the secret (32 random bytes,
 * base64url) proves possession. Only the secret's SHA-256 is stored: with 256 random bits a slow hash adds nothing,
 * and verifying stays one hash per request.
 */
const KEY_FORM = /^hlx_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  id: string;
  key: string;
  hash: string;
}

export function generateKey(): NewKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `hlx_${id}_${secret}`, hash: hashSecret(secret) };
}

/** The id and secret of something shaped like a Helix key; undefined for anything else (tokens, JWTs). */
export function parseKey(presented: string): { id: string; secret: string } | undefined {
  const m = KEY_FORM.exec(presented);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Constant-time comparison of two strings of possibly different lengths (the deployment's token). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, digestOf(expected));
}

/** Digests of the configured secrets (HELIX_AUTH_TOKEN, HELIX_METRICS_TOKEN): hashed once, not on every request. */
const digests = new Map<string, Buffer>();

function digestOf(secret: string): Buffer {
  let d = digests.get(secret);
  if (!d) {
    if (digests.size >= 16) digests.clear(); // only configured secrets come here; bounded all the same
    digests.set(secret, (d = createHash('sha256').update(secret).digest()));
  }
  return d;
}
