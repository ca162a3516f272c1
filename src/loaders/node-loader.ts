import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import type { StoredNode } from '../db/stored-node.js';

const Q = requireQueries(['graph/get-nodes-by-urn', 'graph/get-nodes-by-urn-projected'] as const);

export type { StoredNode };

/** Nodes by URN, one round trip per tick, results in key order (null for absent). */
export function createNodeLoader(exec: Executor, ctx: QueryContext): DataLoader<string, StoredNode | null> {
  return new DataLoader(async (urns) => {
    const rows = await exec.read(Q['graph/get-nodes-by-urn'], { urns: [...urns] }, ctx);
    const byUrn = new Map(rows.map((r) => [String(r.urn), r as unknown as StoredNode]));
    return urns.map((u) => byUrn.get(u) ?? null);
  });
}

/**
 * Nodes by URN with only the given properties (a selection's planned keys, src/graphql/resolvers/capsule-plan.ts):
 * one batch per key list per tick. Absent properties stay absent, as in the node loader's properties(n).
 */
export function createProjectedNodeLoader(exec: Executor, ctx: QueryContext): { load(urn: string, keys: readonly string[]): Promise<StoredNode | null> } {
  const byKeys = new Map<string, DataLoader<string, StoredNode | null>>();
  return {
    load(urn, keys) {
      const id = keys.join('\u0000');
      let loader = byKeys.get(id);
      if (!loader) {
        loader = new DataLoader(async (urns) => {
          const rows = await exec.read(Q['graph/get-nodes-by-urn-projected'], { urns: [...urns], keys }, ctx);
          const byUrn = new Map<string, StoredNode>();
          for (const r of rows) {
            const values = r.props as unknown[];
            const props: Record<string, unknown> = {};
            for (let i = 0; i < keys.length; i++) if (values[i] !== null) props[keys[i]!] = values[i];
            byUrn.set(String(r.urn), { urn: String(r.urn), labels: r.labels as string[], props });
          }
          return urns.map((u) => byUrn.get(u) ?? null);
        });
        byKeys.set(id, loader);
      }
      return loader.load(urn);
    },
  };
}
