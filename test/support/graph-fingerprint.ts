import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { HelixContext } from '../../src/app/context.js';
import { openTestHelix } from './graph.js';

/**
 * A fingerprint of the graph in the test database: every node's labels and properties, every edge with its
 * properties, the writer's timestamps and the ingestion's own bookkeeping nodes left out. Two ingestions that write
 * the same graph have the same fingerprint; used to prove that a refactoring or a speed-up changes nothing.
 */
export interface GraphFingerprint {
  nodes: number;
  edges: number;
  graph: string;
}

const BOOKKEEPING = new Set(['firstSeenAt', 'writtenAt']);
const SKIPPED_LABELS = ['Ingestion', 'SqlLineageCache'];

/** Stable text for a value: keys sorted at every level. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}


/** sha256 of the lines, sorted (so the order rows come back in does not matter). */
export const sha = (lines: string[]) => createHash('sha256').update(lines.sort().join('\n')).digest('hex');

export interface FingerprintOptions {
  /** Further properties left out (e.g. `ingestScope`, `contentHash`). */
  ignored?: string[];
  /** List properties compared as sets (sorted). */
  listsAsSets?: boolean;
}

export async function fingerprintGraph(helix: HelixContext, o: FingerprintOptions = {}): Promise<GraphFingerprint> {
  const left = new Set([...BOOKKEEPING, ...(o.ignored ?? [])]);
  const value = (v: unknown) => (o.listsAsSets && Array.isArray(v) ? [...v].sort() : v);
  const content = (props: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(props).filter(([k]) => !left.has(k)).map(([k, v]) => [k, value(v)]));
  const read = (text: string) => helix.exec.runText(text, { skipped: SKIPPED_LABELS }, 'READ');
  const nodes = await read(
    `MATCH (n:Node) WHERE none(l IN labels(n) WHERE l IN $skipped) RETURN labels(n) AS labels, properties(n) AS props`,
  );
  const edges = await read(
    `MATCH (a:Node)-[r]->(b:Node) WHERE none(l IN labels(a) + labels(b) WHERE l IN $skipped)
     RETURN a.urn AS from, type(r) AS type, b.urn AS to, properties(r) AS props`,
  );
  const nodeLines = nodes.map((n) => stable([[...(n.labels as string[])].sort(), content(n.props as Record<string, unknown>)]));
  const edgeLines = edges.map((e) => stable([e.from, e.type, e.to, content(e.props as Record<string, unknown>)]));
  return { nodes: nodes.length, edges: edges.length, graph: sha([...nodeLines, ...edgeLines]) };
}

/**
 * The fingerprints recorded in `file` (JSON by case name), and how to record new ones: with
 * HELIX_UPDATE_FINGERPRINTS=1 `save()` writes what the run saw (only for an intended change of the graph model).
 */
export function recordedFingerprints<T>(file: string) {
  const update = process.env.HELIX_UPDATE_FINGERPRINTS === '1';
  const expected: Record<string, T> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const seen: Record<string, T> = {};
  return {
    update,
    expected,
    seen,
    save: () => {
      if (update) writeFileSync(file, JSON.stringify({ ...expected, ...seen }, null, 2) + '\n');
    },
  };
}

/** One Helix for a fingerprint file (handed to `use`); at its end the fingerprints are saved (`save`) and it closes. */
export function helixRecordingFingerprints(save: () => void, use: (helix: HelixContext) => void): void {
  let helix: HelixContext | undefined;
  beforeAll(async () => {
    helix = await openTestHelix();
    use(helix);
  });
  afterAll(async () => {
    save();
    await helix?.close();
  });
}
