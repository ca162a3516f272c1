/**
 * How a column derives from an upstream column, as stored on DERIVES_FROM edges (docs/graph-model.md): the SQL
 * lineage of dbt models and OpenLineage's column-lineage facet speak the same three kinds.
 */
export type TransformationKind = 'identity' | 'expression' | 'aggregation';

const RANK: Record<TransformationKind, number> = { identity: 0, expression: 1, aggregation: 2 };

/** The stronger of two kinds (aggregation > expression > identity); on a tie, the first. */
export function strongerKind(a: TransformationKind, b: TransformationKind): TransformationKind {
  return RANK[a] >= RANK[b] ? a : b;
}
