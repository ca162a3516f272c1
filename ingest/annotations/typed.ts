import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import { cell, COMMON_MISSING, num } from '../common/missing.js';

/** Numeric props from named cells; an unparseable cell is reported as BAD_NUMBER (the prop stays unset). */
export function numbers(
  values: Record<string, unknown>,
  spec: Record<string, string>,
  f: Fragment,
  missing: ReadonlySet<string> = COMMON_MISSING,
): Props {
  const props: Props = {};
  for (const [prop, column] of Object.entries(spec)) {
    props[prop] = num(values[column], (bad) => f.issue('warning', 'BAD_NUMBER', `${column}: "${bad}" is not a number`), missing);
  }
  return props;
}

/** String props from named cells (missing spellings → unset). */
export function strings(values: Record<string, unknown>, spec: Record<string, string>, missing = COMMON_MISSING): Props {
  const props: Props = {};
  for (const [prop, column] of Object.entries(spec)) props[prop] = cell(values[column], missing);
  return props;
}

/** A row as a plain object for `dataJson`: missing cells become null, so every column stays visible. */
export function rowData(values: Record<string, string>, missing: ReadonlySet<string> = COMMON_MISSING): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(values)) out[k] = cell(v, missing) ?? null;
  return out;
}
