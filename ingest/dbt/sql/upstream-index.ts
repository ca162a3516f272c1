import { unquote } from './sql-ast.js';
import type { UpstreamRelation } from './types.js';

/** Finds the upstream that a table reference in the SQL names. */
export class UpstreamIndex {
  private readonly byName = new Map<string, UpstreamRelation[]>();

  constructor(upstreams: UpstreamRelation[]) {
    for (const upstream of upstreams) {
      for (const raw of Array.isArray(upstream.names) ? upstream.names : []) {
        const name = typeof raw === 'string' ? normaliseDotted(raw) : '';
        if (!name) continue;
        const list = this.byName.get(name) ?? [];
        if (!list.includes(upstream)) list.push(upstream);
        this.byName.set(name, list);
      }
    }
  }

  /**
   * `parts` are lower-cased unquoted name parts. The exact dotted name wins; a three-part name may also match on
   * 'schema.table' (the database differs between targets), but a qualified name never matches on the bare table
   * name, so `analytics.customers` ({{ this }}) is not mistaken for the source `raw.customers`.
   */
  find(parts: string[]): UpstreamRelation | undefined {
    const candidates = [parts.join('.')];
    if (parts.length >= 3) candidates.push(parts.slice(-2).join('.'));
    for (const name of candidates) {
      const matches = this.byName.get(name);
      if (matches) return matches.length === 1 ? matches[0] : undefined;
    }
    return undefined;
  }
}

/** `"DB"."Schema".t` / `` `p-1`.`d`.`t` `` / `[s].[t]` → 'db.schema.t'. */
export function normaliseDotted(name: string): string {
  const parts = name.match(/"[^"]*"|`[^`]*`|\[[^\]]*\]|[^.]+/g) ?? [];
  return parts.map(unquote).filter((p) => p.length > 0).join('.');
}
