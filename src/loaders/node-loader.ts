import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import type { StoredNode } from '../db/stored-node.js';

const Q = requireQueries(['graph/get-nodes-by-urn'] as const);

export type { StoredNode };

/** Nodes by URN, one round trip per tick, results in key order (null for absent). */
export function createNodeLoader(exec: Executor, ctx: QueryContext): DataLoader<string, StoredNode | null> {
  return new DataLoader(async (urns) => {
    const rows = await exec.read(Q['graph/get-nodes-by-urn'], { urns: [...urns] }, ctx);
    const byUrn = new Map(rows.map((r) => [String(r.urn), r as unknown as StoredNode]));
    return urns.map((u) => byUrn.get(u) ?? null);
  });
}
