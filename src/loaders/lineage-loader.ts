import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { traversal } from '../services/lineage/expand.js';
import { LIMITS } from '../services/lineage/limits.js';
import type { Direction, LineageLevel } from '../services/lineage/types.js';
import type { StoredNode } from './node-loader.js';
import { groupBy } from './related-loader.js';

const Q = requireQueries(['lineage/get-neighbors'] as const);

export interface NeighborKey {
  urn: string;
  level: LineageLevel;
  way: Direction;
  depth: number;
  first: number;
}

export type Neighbor = StoredNode & { level: number };

/**
 * Nested Capsule.upstream / Column.downstream... of every parent of a request: one bounded BFS query per distinct
 * (level, direction, depth, first) in a tick, however many parents there are. Nearest first, then by urn.
 */
export function createNeighborsLoader(exec: Executor, ctx: QueryContext): DataLoader<NeighborKey, Neighbor[], string> {
  const groupKey = (k: NeighborKey) => `${k.level}|${k.way}|${k.depth}|${k.first}`;
  return new DataLoader(
    async (keys) => {
      const out = new Map<string, Neighbor[]>();
      await Promise.all(
        [...groupBy(keys, groupKey)].map(async ([group, members]) => {
          const { level, way, depth, first } = members[0]!;
          const rows = await exec.read(
            Q['lineage/get-neighbors'],
            { urns: [...new Set(members.map((m) => m.urn))], relationshipFilter: traversal(level, way).relationshipFilter, depth, limit: first },
            { ...ctx, timeoutMs: LIMITS.queryTimeoutMs },
          );
          for (const r of rows) {
            const nodes = (r.nodes as Neighbor[]).sort((a, b) => a.level - b.level || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
            out.set(`${group}|${String(r.key)}`, nodes);
          }
        }),
      );
      return keys.map((k) => out.get(`${groupKey(k)}|${k.urn}`) ?? []);
    },
    { cacheKeyFn: (k) => `${groupKey(k)}|${k.urn}` },
  );
}
