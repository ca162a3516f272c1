import { integer, isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isPoint as isDriverPoint, isTime, type Integer } from 'neo4j-driver';

/** Property values as the driver returns them: Integers, floats, strings, booleans, temporals, points, lists. */

export function isTemporal(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    (isDate(v) || isDateTime(v) || isLocalDateTime(v) || isTime(v) || isLocalTime(v) || isDuration(v))
  );
}

export function isPoint(v: unknown): v is { srid: Integer | number; x: number; y: number; z?: number } {
  return typeof v === 'object' && v !== null && isDriverPoint(v);
}

export function integerValue(i: Integer): number {
  return integer.inSafeRange(i) ? i.toNumber() : Number(i.toString());
}

/** A JSON value: Integers become numbers, temporals ISO-8601 strings, points {srid, x, y[, z]}. */
export function jsonValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (isInt(v)) return integerValue(v as Integer);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (Array.isArray(v)) return v.map(jsonValue);
  if (isTemporal(v)) return String(v);
  if (isPoint(v)) return { srid: Number(v.srid), x: v.x, y: v.y, ...(v.z === undefined ? {} : { z: v.z }) };
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}

export function jsonProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(props).sort()) out[k] = jsonValue(props[k]);
  return out;
}

/** A scalar as display text: lists as JSON, everything else as its string form. */
export function textValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return JSON.stringify(jsonValue(v));
  const j = jsonValue(v);
  return typeof j === 'object' && j !== null ? JSON.stringify(j) : String(j);
}

/** The display name of a node: its name (or symbol, accession, path...), else its urn. */
export function displayName(urn: string, props: Record<string, unknown>): string {
  for (const k of ['name', 'symbol', 'accession', 'path', 'runId']) {
    const v = props[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return urn;
}

/** Labels that classify rather than identify (as GraphQL's node type): the type is the most specific other label. */
const GENERIC = new Set(['Node', 'Capsule', 'Run', 'StepRun', 'Entity']);

export function mainLabel(labels: string[]): string {
  const specific = labels.filter((l) => !GENERIC.has(l)).sort();
  if (specific.length > 0) return specific[0]!;
  for (const l of ['StepRun', 'Run', 'Capsule']) if (labels.includes(l)) return l;
  return labels[0] ?? 'Node';
}
