import type { PiiCategory } from './categories.js';
import { typeClass } from './detect-column.js';
import { MEASURE_PREFIX, PSEUDONYM_WORDS } from './detect-rules.js';
import { tokenize } from './name-tokens.js';

/** One DERIVED_FROM edge as column lineage records it (dbt SQL lineage and OpenLineage columnLineage). */
export interface LineageStep {
  /** identity | expression | aggregation (docs/model/column-lineage.md). */
  transformation?: string | null;
  /** OpenLineage: a transformation flagged `masking: true`. */
  masking?: boolean | null;
  /** OpenLineage transformation subtypes (IDENTITY, TRANSFORMATION, AGGREGATION, MASKED...). */
  subtypes?: readonly string[] | null;
}

export interface DownstreamColumn {
  name: string;
  dataType?: string | null;
  /** The column is declared not PII (`meta: {pii: false}`, tag `non_pii`). */
  declaredNotPii?: boolean;
}

const KEY_WORDS = new Set(['id', 'ids', 'key', 'keys', 'sk', 'fk', 'pk', 'uuid', 'guid', 'nk', 'bk', 'hk']);
const MEASURE_SUFFIX = new Set([
  'count', 'cnt', 'counts', 'total', 'amount', 'amt', 'sum', 'avg', 'mean', 'pct', 'percent', 'percentage', 'ratio',
  'rate', 'length', 'len', 'score', 'flag', 'nunique', 'distinct',
]);
/** Categories whose value is text: turned into a number it is a count, a length or a score, not the value. */
const TEXT_CATEGORIES = new Set<PiiCategory>(['email', 'name', 'address', 'ip', 'other']);

/**
 * Why PII does not flow over this edge into `down`, or null when it does. Column lineage only records a
 * transformation kind, so what destroyed the value is read from the edge and from the column it produced:
 * a rename or cast (identity) always carries the value; an expression or aggregation that produced a hash, a
 * surrogate key, a count/measure, a flag or a number from text does not. Masking (OpenLineage) always stops.
 */
export function propagationStop(step: LineageStep, down: DownstreamColumn, category: PiiCategory): string | null {
  if (down.declaredNotPii) return 'declared not PII';
  if (step.masking === true || (step.subtypes ?? []).some((s) => s.toUpperCase() === 'MASKED')) return 'masked';
  const kind = (step.transformation ?? 'expression').toLowerCase();
  if (kind === 'identity') return null;
  const tokens = tokenize(down.name).tokens;
  if (tokens.length === 0) return null;
  const last = tokens[tokens.length - 1]!;
  if (tokens.some((t) => PSEUDONYM_WORDS.has(t))) return 'hashed';
  if (KEY_WORDS.has(last)) return 'surrogate key';
  if (MEASURE_PREFIX.has(tokens[0]!) || MEASURE_SUFFIX.has(last)) return 'count or measure';
  const type = typeClass(down.dataType);
  if (type === 'boolean') return 'reduced to a flag';
  if (type === 'numeric' && (kind === 'aggregation' || TEXT_CATEGORIES.has(category))) return 'reduced to a number';
  return null;
}
