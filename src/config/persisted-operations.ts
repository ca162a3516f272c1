import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HelixError } from '../errors.js';

/** The persisted operations of HELIX_PERSISTED_OPERATIONS: the allowed hashes, and the documents the file holds. */
export interface PersistedOperations {
  /** sha256 (hex) of every allowed document. */
  hashes: ReadonlySet<string>;
  /** hash → document, for clients that send only the hash (files in the `{ hash: query }` form). */
  documents: ReadonlyMap<string, string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Reads the file: a JSON object `{ "<sha256 of the query>": "<query>" }` (what Apollo's and Relay's persisted-query
 * manifests hold), or a JSON array of sha256 hashes. A key that is not the hash of its query is refused, so that the
 * allow-list means the same whether a client sends the query, the hash or both.
 */
export function loadPersistedOperations(file: string): PersistedOperations {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HelixError('CONFIG_INVALID', `HELIX_PERSISTED_OPERATIONS: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const hashes = new Set<string>();
  const documents = new Map<string, string>();
  const bad = (why: string) => new HelixError('CONFIG_INVALID', `HELIX_PERSISTED_OPERATIONS ${file}: ${why}`);
  if (Array.isArray(parsed)) {
    for (const h of parsed) {
      if (typeof h !== 'string' || !SHA256.test(h.toLowerCase())) throw bad(`${JSON.stringify(h)} is not a sha256 hash (64 hex digits)`);
      hashes.add(h.toLowerCase());
    }
  } else if (parsed && typeof parsed === 'object') {
    for (const [h, query] of Object.entries(parsed)) {
      if (typeof query !== 'string') throw bad(`the value of ${h} is not a query string`);
      const actual = sha256Hex(query);
      if (h.toLowerCase() !== actual) throw bad(`key ${h} is not the sha256 of its query (${actual})`);
      hashes.add(actual);
      documents.set(actual, query);
    }
  } else throw bad('expected an object { "<sha256>": "<query>" } or an array of sha256 hashes');
  return { hashes, documents };
}
