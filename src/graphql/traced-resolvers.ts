import type { GraphQLFieldResolver } from 'graphql';
import { withSpan } from '../observability/tracing.js';

type ResolverMap = Record<string, unknown>;
const ROOTS = ['Query', 'Mutation'];

/**
 * Root-field resolvers run inside an OpenTelemetry span (`graphql Query.lineage`); nested fields are batched by
 * DataLoaders whose Cypher already has spans, so wrapping them too would only add noise.
 */
export function withResolverSpans(maps: ResolverMap[]): ResolverMap[] {
  return maps.map((map) => {
    const out: ResolverMap = { ...map };
    for (const root of ROOTS) {
      const fields = map[root] as Record<string, unknown> | undefined;
      if (!fields) continue;
      out[root] = Object.fromEntries(
        Object.entries(fields).map(([name, resolver]) => [
          name,
          typeof resolver === 'function'
            ? ((parent, args, ctx, info) =>
                withSpan(`graphql ${root}.${name}`, { 'graphql.field': `${root}.${name}` }, async () =>
                  (resolver as GraphQLFieldResolver<unknown, unknown>)(parent, args, ctx, info),
                )) as GraphQLFieldResolver<unknown, unknown>
            : resolver,
        ]),
      );
    }
    return out;
  });
}
