import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { projectRoot } from '../project-root.js';
import { resolverMaps } from './resolvers/index.js';
import { withResolverSpans } from './traced-resolvers.js';
import { withMutationAudit } from './audited-mutations.js';
import { withNamespaceScoping } from './namespace-scoping.js';

/** SDL from schema/*.graphql (one file per domain), resolvers from src/graphql/resolvers. */
export function loadTypeDefs(dir = path.join(projectRoot(), 'schema')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: withResolverSpans(resolverMaps()) as never });
  // Namespace scoping wraps node-typed fields; the audit wraps every mutation around that (refusals recorded too).
  return withMutationAudit(withNamespaceScoping(schema));
}
