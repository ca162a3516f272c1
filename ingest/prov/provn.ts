import { closeSync, openSync, readSync } from 'node:fs';
import type { MappedGraph } from '../core/graph.js';
import { mapProvObject, type ProvOptions } from './map-prov.js';
import { looksLikeProvN } from './provn-lexer.js';
import { parseProvN } from './provn-parser.js';

export { looksLikeProvN } from './provn-lexer.js';
export { parseProvN } from './provn-parser.js';

/**
 * A W3C PROV-N document (`*.provn`, e.g. cwltool's `primary.cwlprov.provn`) as graph: parsed into the PROV-JSON
 * shape and mapped exactly as mapProvJson maps PROV-JSON, so both notations of one document give one graph.
 * Syntax errors come first among the issues, each with its line and column.
 */
export function mapProvN(text: string, opts: ProvOptions = {}): MappedGraph {
  const { document, issues } = parseProvN(text, opts);
  const graph = mapProvObject(document, opts);
  return { ...graph, issues: [...issues, ...graph.issues] };
}

/**
 * PROV-N by name (`*.provn`) or, for any name but `*.json`, by content: the first token of its first 4 KiB is
 * `document`. A file that cannot be read is not PROV-N here (the caller reports it as skipped).
 */
export function isProvNFile(file: string): boolean {
  if (/\.provn$/i.test(file)) return true;
  if (/\.json$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    return looksLikeProvN(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
