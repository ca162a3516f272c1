import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';

const Q = requireQueries(['conformance/get-pii-by-column'] as const);

/** Column.pii: the stored findings of many columns in one round trip per tick. */
export function createPiiLoader(exec: Executor, ctx: QueryContext): DataLoader<string, Array<Record<string, unknown>>> {
  return new DataLoader(async (urns) => {
    const rows = await exec.read(Q['conformance/get-pii-by-column'], { urns: [...urns] }, ctx);
    const byKey = new Map(rows.map((r) => [String(r.key), (r.findings as Array<Record<string, unknown>>) ?? []]));
    return urns.map((u) => byKey.get(u) ?? []);
  });
}

const perRequest = new WeakMap<object, DataLoader<string, Array<Record<string, unknown>>>>();

/** The request's PII loader, created on first use (keyed by the request's query context). */
export function piiLoaderFor(exec: Executor, ctx: QueryContext): DataLoader<string, Array<Record<string, unknown>>> {
  let loader = perRequest.get(ctx);
  if (!loader) perRequest.set(ctx, (loader = createPiiLoader(exec, ctx)));
  return loader;
}
