import { dbtShapedGraph } from '../../../../../bench/lineage-graph.js';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { strictClient } from '../../../../support/graphql-client.js';

export { captureCounters, graphqlClient, strictClient, type GqlResponse } from '../../../../support/graphql-client.js';

/** A file's graph: a synthetic dbt-shaped lineage (`options`) written under `scope` into an empty graph. */
export async function openSyntheticLineage(options: Parameters<typeof dbtShapedGraph>[0], scope: string) {
  const helix = await openTestHelix();
  await resetGraph(helix);
  const g = dbtShapedGraph(options);
  await writeGraph(helix.exec, g, { scope, deleteMissing: false });
  return { helix, g, gql: strictClient(helix) };
}

/** Adjacency of a directed edge list, both ways. */
export function adjacency(edges: Array<[string, string]>) {
  const out = new Map<string, string[]>();
  const inn = new Map<string, string[]>();
  for (const [a, b] of edges) {
    (out.get(a) ?? out.set(a, []).get(a)!).push(b);
    (inn.get(b) ?? inn.set(b, []).get(b)!).push(a);
  }
  return { out, inn };
}

/** Breadth-first distances from `root` following `next`, up to `depth` hops (Infinity = all). */
export function bfs(root: string, next: Map<string, string[]>, depth = Infinity): Map<string, number> {
  const dist = new Map([[root, 0]]);
  let frontier = [root];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const nextFrontier: string[] = [];
    for (const u of frontier) {
      for (const v of next.get(u) ?? []) {
        if (dist.has(v)) continue;
        dist.set(v, d);
        nextFrontier.push(v);
      }
    }
    frontier = nextFrontier;
  }
  return dist;
}

/** Edges of `edges` with both ends in `nodes`, as 'from>to' strings. */
export function induced(edges: Array<[string, string]>, nodes: Set<string>): string[] {
  return edges.filter(([a, b]) => nodes.has(a) && nodes.has(b)).map(([a, b]) => `${a}>${b}`).sort();
}
