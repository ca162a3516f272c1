import { createHash } from 'node:crypto';
import type { PropValue } from '../core/graph.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', 't', 'yes', '1'].includes(v)) return true;
    if (['false', 'f', 'no', '0'].includes(v)) return false;
  }
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** JSON with sorted keys, so equal content always serialises (and hashes) the same way. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/**
 * `<x>Json` property value: undefined for absent or empty containers, so nothing meaningless is written. Keys
 * `sorted` (equal content, equal text: the provenance sources) or `as-given` (the artifact's order: dbt).
 */
export function jsonProp(value: unknown, keys: 'sorted' | 'as-given' = 'sorted'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value) && Object.keys(value).length === 0) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return keys === 'sorted' ? stableJson(value) : JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of the canonical JSON of a parameter set; undefined when there are no parameters. */
export function parametersHash(params: unknown): string | undefined {
  const json = jsonProp(params);
  return json === undefined ? undefined : sha256Hex(json);
}

/** A Neo4j-storable value for an arbitrary JSON value: scalars as is, homogeneous scalar arrays as is, else JSON. */
export function storable(value: unknown): PropValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
    if (value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) return value as number[];
    if (value.length > 0 && value.every((v) => typeof v === 'boolean')) return value as boolean[];
  }
  return stableJson(value);
}

/** lowerCamelCase of an arbitrary key (`peak_rss` → `peakRss`, `%cpu` → `cpu`). */
export function camelCase(key: string): string {
  const words = key.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  if (words.length === 0) return 'value';
  return words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}
