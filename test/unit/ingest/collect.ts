import type { GraphEdge, GraphNode, IngestIssue, StreamedBatch } from '../../../ingest/core/graph.js';
import { fixturePath } from '../../support/corpus.js';

export interface Collected {
  batches: StreamedBatch[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  issues: IngestIssue[];
  stats: Record<string, number>;
  position: number;
}

/** Drain a reader; nodes are merged by urn across batches (owned wins), as the writer's MERGE would. */
export async function collect(gen: AsyncGenerator<StreamedBatch>): Promise<Collected> {
  const batches: StreamedBatch[] = [];
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const issues: IngestIssue[] = [];
  const stats: Record<string, number> = {};
  for await (const b of gen) {
    batches.push(b);
    for (const n of b.nodes) {
      const old = nodes.get(n.urn);
      if (!old || (old.mode === 'reference' && n.mode !== 'reference')) nodes.set(n.urn, n);
    }
    edges.push(...b.edges);
    issues.push(...b.issues);
    for (const [k, v] of Object.entries(b.stats ?? {})) stats[k] = (stats[k] ?? 0) + v;
  }
  return { batches, nodes: [...nodes.values()], edges, issues, stats, position: batches.at(-1)?.position ?? 0 };
}

export function bioFixture(...parts: string[]): string {
  return fixturePath('bio', ...parts);
}

export function nodeByUrn(c: Collected, urn: string): GraphNode {
  const n = c.nodes.find((x) => x.urn === urn);
  if (!n) throw new Error(`no node ${urn}; have ${c.nodes.map((x) => x.urn).slice(0, 20).join(', ')}`);
  return n;
}

export function withLabel(c: Collected, label: string): GraphNode[] {
  return c.nodes.filter((n) => n.labels.includes(label));
}

export function edgesOf(c: Collected, type: string): GraphEdge[] {
  return c.edges.filter((e) => e.type === type);
}

export function codes(c: Collected): string[] {
  return c.issues.map((i) => i.code);
}

/** Every property value must be storable in Neo4j: scalars or homogeneous arrays of scalars. */
export function assertStorable(c: Collected): void {
  for (const n of c.nodes) {
    for (const [k, v] of Object.entries(n.props)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) {
        const types = new Set(v.map((x) => typeof x));
        if (types.size > 1 || [...types].some((t) => !['string', 'number', 'boolean'].includes(t))) {
          throw new Error(`${n.urn}.${k} is not a homogeneous scalar array`);
        }
      } else if (!['string', 'number', 'boolean'].includes(typeof v)) throw new Error(`${n.urn}.${k} is not a scalar`);
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${n.urn}.${k} is not finite`);
    }
  }
}
