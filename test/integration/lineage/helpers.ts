import type { HelixContext } from '../../../src/app/context.js';
import { createHelixYoga } from '../../../src/graphql/yoga.js';

export interface GqlResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** GraphQL over Helix's real HTTP pipeline (Yoga with armor, cost limit, error masking), without a socket. */
export function graphqlClient(helix: HelixContext) {
  const yoga = createHelixYoga(helix);
  return async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> => {
    const res = await yoga.fetch('http://helix.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResponse<T>;
  };
}

/** Same, failing the test on any GraphQL error. */
export function strictClient(helix: HelixContext) {
  const gql = graphqlClient(helix);
  return async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const r = await gql<T>(query, variables);
    if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data as T;
  };
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

/**
 * Records the per-request round-trip counters the executor sees (GraphQLContext.queryCtx.counter), so a test can
 * read how many Cypher round trips one GraphQL request made.
 */
export function captureCounters(helix: HelixContext) {
  const seen: Array<{ queries: number }> = [];
  const read = helix.exec.read.bind(helix.exec);
  helix.exec.read = (name, params, ctx) => {
    if (ctx?.counter && !seen.includes(ctx.counter)) seen.push(ctx.counter);
    return read(name, params, ctx);
  };
  return {
    reset: () => void seen.splice(0),
    counters: () => seen.map((c) => c.queries),
    restore: () => {
      helix.exec.read = read;
    },
  };
}
