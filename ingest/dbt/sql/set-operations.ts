import { listedRelation, mergeOrigins, type ColumnLineage, type Relation } from './relation.js';

/**
 * UNION / INTERSECT / EXCEPT: output names come from the first branch and values from every branch by position.
 * When a branch has a `*` over a relation of unknown columns, positions are unknown: columns are matched by name.
 */
export function combineSetOperation(branches: Relation[]): Relation {
  const [first, ...rest] = branches;
  if (!first) return listedRelation([]);
  const byPosition = branches.every((b) => !b.incomplete);
  const columns = first.columns.map((column, position) => {
    const others = rest.map((branch) => (byPosition ? branch.columns[position] : branch.lookup(column.name)));
    return mergeColumns(column.name, [column, ...others]);
  });
  const open = branches.some((b) => b.open);
  const fallback = (name: string): ColumnLineage | undefined => {
    const found = branches.map((b) => b.lookup(name)).filter((c): c is ColumnLineage => c !== undefined);
    return found.length > 0 ? mergeColumns(name, found) : undefined;
  };
  return listedRelation(columns, open ? fallback : undefined, branches.some((b) => b.incomplete));
}

/** Applies a column alias list (`with c (a, b) as`, `as t (a, b)`) by position. */
export function renameColumns(relation: Relation, names: Array<string | undefined>): Relation {
  if (names.length === 0) return relation;
  const columns = relation.columns.map((column, i) => ({ ...column, name: names[i] ?? column.name }));
  return listedRelation(columns, relation.open ? (name) => relation.lookup(name) : undefined, relation.incomplete);
}

function mergeColumns(name: string, columns: Array<ColumnLineage | undefined>): ColumnLineage {
  const present = columns.filter((c): c is ColumnLineage => c !== undefined);
  return {
    name,
    origins: mergeOrigins(present.map((c) => c.origins)),
    unresolved: present.flatMap((c) => c.unresolved),
  };
}
