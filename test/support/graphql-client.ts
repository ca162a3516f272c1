import type { HelixContext } from '../../src/app/context.js';
import { createHelixYoga } from '../../src/graphql/yoga.js';

export interface GqlResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** GraphQL through Helix's real HTTP pipeline (Yoga with armor, cost limits, error masking), without a socket. */
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

/** Cypher round trips of each GraphQL request (the per-request counter of GraphQLContext.queryCtx). */
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
