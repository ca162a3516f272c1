import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';

const Q = requireQueries(['ingest/list-scope-nodes', 'ingest/list-scope-edges'] as const);

export const edgeKey = (from: string, type: string, to: string) => `${from}\u0000${type}\u0000${to}`;

/**
 * Everything a scope owns, read in two queries: a snapshot ingestion compares against it instead of asking for
 * hashes batch by batch, so re-ingesting unchanged artifacts costs two reads however large the project is.
 */
export class ScopeIndex {
  private constructor(
    readonly nodes: Map<string, { labels: string[]; hash: string | null }>,
    readonly edges: Map<string, string | null>,
  ) {}

  static async load(exec: Executor, scope: string, ctx: QueryContext): Promise<ScopeIndex> {
    const nodes = new Map<string, { labels: string[]; hash: string | null }>();
    for (const r of await exec.read(Q['ingest/list-scope-nodes'], { scope }, ctx)) {
      nodes.set(String(r.urn), { labels: r.labels as string[], hash: (r.hash as string | null) ?? null });
    }
    const edges = new Map<string, string | null>();
    for (const r of await exec.read(Q['ingest/list-scope-edges'], { scope }, ctx)) {
      edges.set(edgeKey(String(r.from), String(r.type), String(r.to)), (r.hash as string | null) ?? null);
    }
    return new ScopeIndex(nodes, edges);
  }
}
