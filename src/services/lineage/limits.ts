import { badInput } from '../../errors.js';

/**
 * Bounds of every lineage-shaped request. Values above a maximum are clamped (the answer reports what was used);
 * values that make no sense (0, negative, fractional, absurd strings) are the caller's error: BAD_USER_INPUT.
 */
export const LIMITS = {
  maxPageSize: 500,
  /** Hops of lineage(...) and impact(...); an omitted depth means "as deep as lineage goes", up to this. */
  maxDepth: 50,
  defaultLineageLimit: 500,
  maxLineageLimit: 5000,
  /** Nested Capsule.upstream / Column.downstream fields. */
  maxNestedDepth: 10,
  defaultNestedFirst: 100,
  /** Affected nodes an impact analysis collects before reporting itself truncated. */
  impactNodeCap: 10_000,
  maxPathHops: 50,
  defaultPathHops: 10,
  maxPaths: 10,
  /** Every lineage, impact and path query runs in a transaction limited to this. */
  queryTimeoutMs: 10_000,
  maxUrnLength: 2000,
  maxSearchText: 200,
  searchWindow: 1000,
} as const;

/** A positive integer, clamped to `max`; undefined/null gives `fallback`. */
export function boundedInt(name: string, value: number | null | undefined, fallback: number, max: number): number {
  if (value === undefined || value === null) return Math.min(fallback, max);
  if (!Number.isInteger(value) || value < 1) throw badInput(`${name} must be a positive integer (got ${value})`, { argument: name });
  return Math.min(value, max);
}

/** Page sizes may be 0 (an empty page that still reports totalCount and hasNextPage). */
export function pageSize(value: number | null | undefined, fallback: number, max: number = LIMITS.maxPageSize): number {
  if (value === undefined || value === null) return Math.min(fallback, max);
  if (!Number.isInteger(value) || value < 0) throw badInput(`first must be an integer >= 0 (got ${value})`, { argument: 'first' });
  return Math.min(value, max);
}

export function requireUrn(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw badInput(`${name} must be a non-empty URN`, { argument: name });
  if (value.length > LIMITS.maxUrnLength) throw badInput(`${name} is longer than ${LIMITS.maxUrnLength} characters`, { argument: name });
  return value;
}

/** Node labels as filter values: one word, as Neo4j labels are written (Model, SemanticModel, Gene). */
export function labelList(name: string, values: readonly string[] | null | undefined): string[] {
  const out = [...new Set(values ?? [])];
  for (const v of out) {
    if (!/^[A-Z][A-Za-z0-9]{0,63}$/.test(v)) throw badInput(`${name} contains '${v}', which is not a node type name`, { argument: name });
  }
  return out;
}
