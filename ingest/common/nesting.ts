/**
 * The default depth beyond which a document's values are refused: real dbt artifacts stay under ~20 levels, while
 * the recursive code downstream (normalising, hashing, sorting keys) would overflow the stack on a hostile
 * 100k-level `meta`. Sources with deeper legitimate values (OpenLineage plan facets) pass their own limit.
 */
export const MAX_NESTING = 100;

/**
 * Where `value` first goes deeper than `limit` levels (a readable path such as `meta.a.a[0]…`), or undefined.
 * Iterative, so it never overflows the stack itself.
 */
export function tooDeep(value: unknown, limit = MAX_NESTING): string | undefined {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return `${path.slice(0, 120)}${path.length > 120 ? '…' : ''}`;
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ v: item, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, item] of Object.entries(v)) stack.push({ v: item, depth: depth + 1, path: path ? `${path}.${k}` : k });
  }
  return undefined;
}
