import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { pagedRelatedLoader, relatedLoader } from './related-loader.js';

const Q = requireQueries([
  'capsules/get-columns-by-capsule',
  'capsules/get-tags-by-node',
  'capsules/get-owners-by-node',
  'capsules/get-tests-by-node',
  'capsules/get-domains-by-node',
  'capsules/get-data-products-by-node',
  'capsules/get-targets-by-test',
  'capsules/get-invocations-by-result',
  'capsules/get-capsules-by-column',
  'capsules/get-subjects-by-result',
  'capsules/get-results-by-node',
  'metadata/get-capsules-by-tag',
  'metadata/get-capsules-by-owner',
  'metadata/get-capsules-by-domain',
  'metadata/get-capsules-by-data-product',
  'metadata/get-data-products-by-domain',
] as const);

/** Per-request loaders of everything around capsules and columns (one batched query per relation and tick). */
export function createMetadataLoaders(exec: Executor, ctx: QueryContext) {
  const related = (q: string) => relatedLoader(exec, ctx, q);
  const paged = (q: string) => pagedRelatedLoader(exec, ctx, q);
  return {
    columns: related(Q['capsules/get-columns-by-capsule']),
    tags: related(Q['capsules/get-tags-by-node']),
    owners: related(Q['capsules/get-owners-by-node']),
    tests: related(Q['capsules/get-tests-by-node']),
    domains: related(Q['capsules/get-domains-by-node']),
    dataProducts: related(Q['capsules/get-data-products-by-node']),
    testTargets: related(Q['capsules/get-targets-by-test']),
    invocations: related(Q['capsules/get-invocations-by-result']),
    capsuleOfColumn: related(Q['capsules/get-capsules-by-column']),
    resultSubjects: related(Q['capsules/get-subjects-by-result']),
    results: paged(Q['capsules/get-results-by-node']),
    tagCapsules: paged(Q['metadata/get-capsules-by-tag']),
    ownerCapsules: paged(Q['metadata/get-capsules-by-owner']),
    domainCapsules: paged(Q['metadata/get-capsules-by-domain']),
    dataProductCapsules: paged(Q['metadata/get-capsules-by-data-product']),
    domainDataProducts: paged(Q['metadata/get-data-products-by-domain']),
  };
}

export type MetadataLoaders = ReturnType<typeof createMetadataLoaders>;
