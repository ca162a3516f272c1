/**
 * OpenLineage TagsDatasetFacet entries that name a field (`{key: "pii", value: "true", field: "email"}`) are column
 * tags: the OpenLineage dbt integration emits dbt meta this way. Read from the Dataset's `facetsJson` (facets other
 * than schema and columnLineage are kept there), turned into the tag forms `readDeclaration` knows: `pii` for a true
 * value, `<key>:<value>` otherwise (`pii:email`, `classification:PII`).
 */
export function openLineageFieldTags(facetsJson: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (typeof facetsJson !== 'string' || facetsJson === '') return out;
  let facets: unknown;
  try {
    facets = JSON.parse(facetsJson);
  } catch {
    return out;
  }
  const tags = (facets as { tags?: { tags?: unknown } } | null)?.tags?.tags;
  if (!Array.isArray(tags)) return out;
  for (const t of tags as Array<Record<string, unknown>>) {
    if (typeof t?.field !== 'string' || typeof t.key !== 'string') continue;
    const value = typeof t.value === 'string' ? t.value.trim() : '';
    const tag = value === '' || value.toLowerCase() === 'true' ? t.key : `${t.key}:${value}`;
    const field = t.field.toLowerCase();
    (out.get(field) ?? out.set(field, []).get(field)!).push(tag);
  }
  return out;
}
