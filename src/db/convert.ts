import neo4j, { isInt, isNode, isRelationship, isPath, type Integer } from 'neo4j-driver';

/**
 * The one place where driver values become plain JavaScript: Integers become numbers (they never exceed 2^53 in
 * Helix: counts, positions, timestamps in ms), temporal values ISO strings, nodes and relationships plain objects.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value !== 'object') return value;
  // Lists and Cypher maps come fresh from the driver for each record and nothing else holds them: they are converted
  // in place, so a large nested answer is not copied once more (its allocations were a quarter of Q2's CPU, as GC).
  if (Array.isArray(value)) return listInPlace(value);
  if (Object.getPrototypeOf(value) === Object.prototype) return mapInPlace(value as Record<string, unknown>);
  if (isInt(value)) return integerToNumber(value as Integer);
  if (isNode(value)) return { labels: value.labels, ...plainMap(value.properties) };
  if (isRelationship(value)) return { type: value.type, ...plainMap(value.properties) };
  if (isPath(value)) return value.segments.map((s) => ({ start: toPlain(s.start), rel: toPlain(s.relationship), end: toPlain(s.end) }));
  if (isTemporal(value)) return value.toString();
  return plainMap(value as Record<string, unknown>);
}

/** Converts the values of a list in place; returns it. */
function listInPlace(list: unknown[]): unknown[] {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v === undefined) list[i] = null;
    else if (v !== null && typeof v === 'object') {
      const c = toPlain(v);
      if (c !== v) list[i] = c;
    }
  }
  return list;
}

/** Converts the values of a plain map in place; returns it. */
function mapInPlace(obj: Record<string, unknown>): Record<string, unknown> {
  for (const k in obj) {
    const v = obj[k];
    if (v === undefined) obj[k] = null;
    else if (v !== null && typeof v === 'object') {
      const c = toPlain(v);
      if (c !== v) obj[k] = c;
    }
  }
  return obj;
}

function plainMap(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in obj) {
    const v = obj[k];
    out[k] = v === null || typeof v !== 'object' ? (v ?? null) : toPlain(v);
  }
  return out;
}

function integerToNumber(i: Integer): number {
  return neo4j.integer.inSafeRange(i) ? i.toNumber() : Number(i.toString());
}

function isTemporal(v: object): v is { toString(): string } {
  return (
    neo4j.isDate(v) ||
    neo4j.isDateTime(v) ||
    neo4j.isLocalDateTime(v) ||
    neo4j.isTime(v) ||
    neo4j.isLocalTime(v) ||
    neo4j.isDuration(v)
  );
}
