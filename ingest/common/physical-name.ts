/**
 * One physical identity for a table, whoever names it: a dbt node (database/schema/alias) or an OpenLineage dataset
 * (namespace + `db.schema.table`). Quotes are dropped and case folded, because every warehouse dbt targets resolves
 * unquoted identifiers case-insensitively and dbt/OpenLineage integrations disagree on quoting and case.
 */
export function physicalName(parts: Array<string | null | undefined>): string | undefined {
  const clean = parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => stripQuotes(p.trim()).toLowerCase());
  return clean.length === 0 ? undefined : clean.join('.');
}

/** Splits `"db"."schema"."table"`, `` `p`.`d`.`t` `` or `db.schema.table` into unquoted parts. */
export function splitRelationName(relation: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of relation) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === '`' || ch === '[') {
      quote = ch === '[' ? ']' : ch;
    } else if (ch === '.') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function physicalNameOfRelation(relation: string): string | undefined {
  return physicalName(splitRelationName(relation));
}

function stripQuotes(part: string): string {
  return splitRelationName(part).join('.');
}
