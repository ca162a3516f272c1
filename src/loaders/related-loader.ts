import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import type { StoredNode } from './node-loader.js';

/**
 * Nodes related to many keys in one round trip per tick: `query` takes `$urns` (UNWIND) and returns one row per
 * key with `nodes` ({urn, labels, props}), so any number of parents costs one query.
 */
export function relatedLoader(exec: Executor, ctx: QueryContext, query: string): DataLoader<string, StoredNode[]> {
  return new DataLoader(async (urns) => {
    const rows = await exec.read(query, { urns: [...urns] }, ctx);
    const byKey = new Map(rows.map((r) => [String(r.key), r.nodes as StoredNode[]]));
    return urns.map((u) => byKey.get(u) ?? []);
  });
}

export interface PagedKey {
  urn: string;
  first: number;
}

/** The same for queries that take a per-key page size `$first`: one query per distinct page size in a tick. */
export function pagedRelatedLoader(exec: Executor, ctx: QueryContext, query: string): DataLoader<PagedKey, StoredNode[], string> {
  return new DataLoader(
    async (keys) => {
      const out = new Map<string, StoredNode[]>();
      const byFirst = groupBy(keys, (k) => k.first);
      await Promise.all(
        [...byFirst].map(async ([first, group]) => {
          const rows = await exec.read(query, { urns: [...new Set(group.map((k) => k.urn))], first }, ctx);
          for (const r of rows) out.set(`${first}|${String(r.key)}`, r.nodes as StoredNode[]);
        }),
      );
      return keys.map((k) => out.get(`${k.first}|${k.urn}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.first}|${k.urn}` },
  );
}

export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
