import DataLoader from 'dataloader';
import type { Executor, Params, QueryContext } from '../db/executor.js';
import type { StoredNode } from './node-loader.js';
import { groupBy } from './related-loader.js';

/** A related node plus what its query adds about the relation (edge properties, role). */
export type RelatedNode = StoredNode & { rel?: Record<string, unknown> | null; role?: string | null; roles?: string[]; member?: number | null };

/**
 * Related nodes of many keys that also carry arguments (a source filter, a page size): one round trip per distinct
 * argument set in a tick, however many parents ask. `query` takes `$urns` plus the arguments and returns one row per
 * key with `nodes`.
 */
export function keyedLoader<A extends Params>(
  exec: Executor,
  ctx: QueryContext,
  query: string,
): DataLoader<{ urn: string; args: A }, RelatedNode[], string> {
  const argsKey = (a: A) => JSON.stringify(Object.entries(a).sort(([x], [y]) => (x < y ? -1 : 1)));
  return new DataLoader(
    async (keys) => {
      const out = new Map<string, RelatedNode[]>();
      await Promise.all(
        [...groupBy(keys, (k) => argsKey(k.args))].map(async ([group, members]) => {
          const rows = await exec.read(query, { ...members[0]!.args, urns: [...new Set(members.map((m) => m.urn))] }, ctx);
          for (const r of rows) out.set(`${group}|${String(r.key)}`, r.nodes as RelatedNode[]);
        }),
      );
      return keys.map((k) => out.get(`${argsKey(k.args)}|${k.urn}`) ?? []);
    },
    { cacheKeyFn: (k) => `${argsKey(k.args)}|${k.urn}` },
  );
}

/** The same without arguments: one round trip per tick. */
export function plainLoader(exec: Executor, ctx: QueryContext, query: string): DataLoader<string, RelatedNode[]> {
  return new DataLoader(async (urns) => {
    const rows = await exec.read(query, { urns: [...urns] }, ctx);
    const byKey = new Map(rows.map((r) => [String(r.key), r.nodes as RelatedNode[]]));
    return urns.map((u) => byKey.get(u) ?? []);
  });
}
