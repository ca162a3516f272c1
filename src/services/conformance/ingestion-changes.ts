import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';

const Q = requireQueries(['conformance/list-scope-state'] as const);

/** urn -> content hash and owned out-edges (type>target#hash), of the scopes an ingestion may touch. */
export type ScopeState = Map<string, { hash: string; edges: Set<string> }>;

export async function readScopeState(exec: Executor, prefixes: string[]): Promise<ScopeState> {
  const state: ScopeState = new Map();
  for (const prefix of prefixes) {
    const rows = await exec.read(Q['conformance/list-scope-state'], { prefix }, { op: 'conformance scope state', timeoutMs: 600_000 });
    for (const r of rows) state.set(String(r.urn), { hash: String(r.hash ?? ''), edges: new Set((r.edges as string[] | null) ?? []) });
  }
  return state;
}

/**
 * The nodes an ingestion created, changed or removed, plus both ends of every owned edge it created, changed or
 * removed (a new TESTS edge changes what its capsule is judged on even when neither node changed).
 */
export function changedUrns(before: ScopeState, after: ScopeState): string[] {
  const changed = new Set<string>();
  const edgeEnd = (e: string) => e.slice(e.indexOf('>') + 1, e.lastIndexOf('#'));
  for (const [urn, b] of before) {
    const a = after.get(urn);
    if (!a || a.hash !== b.hash) changed.add(urn);
    for (const e of b.edges) {
      if (!a?.edges.has(e)) {
        changed.add(urn);
        changed.add(edgeEnd(e));
      }
    }
  }
  for (const [urn, a] of after) {
    const b = before.get(urn);
    if (!b) changed.add(urn);
    for (const e of a.edges) {
      if (!b?.edges.has(e)) {
        changed.add(urn);
        changed.add(edgeEnd(e));
      }
    }
  }
  return [...changed].sort();
}

/** Scope prefixes an ingestion of this kind writes (dbt: the namespace's snapshot and run scopes). */
export function scopePrefixes(kind: string, namespace?: string | null): string[] {
  if (kind === 'dbt') return namespace ? [`dbt:${namespace}`, `dbt-run:${namespace}:`] : ['dbt'];
  return [''];
}
