import { badInput } from '../../errors.js';
import type { LineageDirection, LineageLevel } from '../lineage/types.js';
import type { ProvenanceDirection } from '../provenance/provenance-types.js';
import { labelList, requireUrn } from '../lineage/limits.js';

export const EXPORT_FORMATS = ['graphml', 'cypher', 'jsonl', 'dot', 'mermaid', 'jsonld', 'openlineage'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Other names a format answers to (the old `json` export is JSON lines). */
const ALIASES: Record<string, ExportFormat> = { json: 'jsonl', ndjson: 'jsonl', graphviz: 'dot', 'json-ld': 'jsonld' };

/** Which nodes: everything, one namespace, the lineage or the provenance of a node. */
export type ExportScope =
  | { kind: 'all' }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'lineage'; urn: string; direction?: LineageDirection; depth?: number; level?: LineageLevel; limit?: number }
  | { kind: 'provenance'; urn: string; direction?: ProvenanceDirection; depth?: number; limit?: number };

export interface ExportRequest {
  format: ExportFormat;
  scope: ExportScope;
  /** Only nodes carrying one of these labels. */
  types: string[] | null;
  /** Only relationships of these types. */
  relTypes: string[] | null;
  properties: boolean;
  /** Helix's bookkeeping nodes (Ingestion records, HelixMeta, migrations, caches) too. */
  internal: boolean;
}

/** The scope and options as they arrive from the CLI, the HTTP query string or GraphQL (strings or typed). */
export interface RawExportOptions {
  format?: string | null;
  namespace?: string | null;
  lineage?: string | null;
  provenance?: string | null;
  direction?: string | null;
  depth?: number | string | null;
  level?: string | null;
  limit?: number | string | null;
  types?: string | readonly string[] | null;
  relTypes?: string | readonly string[] | null;
  properties?: boolean | null;
  internal?: boolean | null;
}

export function parseFormat(value: string | null | undefined): ExportFormat {
  const f = (value ?? '').trim().toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(f)) return f as ExportFormat;
  if (Object.hasOwn(ALIASES, f)) return ALIASES[f]!;
  throw badInput(`unknown export format '${value ?? ''}'; use one of ${EXPORT_FORMATS.join(', ')} (json is an alias of jsonl)`, {
    argument: 'format',
  });
}

/** Validates everything up front, so that a bad option is a clear 4xx before a single byte is written. */
export function exportRequest(o: RawExportOptions): ExportRequest {
  const format = parseFormat(o.format);
  const chosen = (['namespace', 'lineage', 'provenance'] as const).filter((k) => o[k] !== undefined && o[k] !== null && o[k] !== '');
  if (chosen.length > 1) throw badInput(`choose one scope: ${chosen.join(' and ')} were both given`, { argument: chosen[1] });
  const depth = optionalInt('depth', o.depth);
  const limit = optionalInt('limit', o.limit);
  const direction = o.direction ? String(o.direction).toUpperCase() : undefined;
  let scope: ExportScope;
  if (chosen[0] === 'namespace') {
    scope = { kind: 'namespace', namespace: String(o.namespace).trim() };
  } else if (chosen[0] === 'lineage') {
    if (direction !== undefined && !['UPSTREAM', 'DOWNSTREAM', 'BOTH'].includes(direction)) {
      throw badInput(`lineage direction must be UPSTREAM, DOWNSTREAM or BOTH (got ${o.direction})`, { argument: 'direction' });
    }
    const level = o.level ? String(o.level).toUpperCase() : undefined;
    if (level !== undefined && level !== 'TABLE' && level !== 'COLUMN') {
      throw badInput(`level must be TABLE or COLUMN (got ${o.level})`, { argument: 'level' });
    }
    scope = {
      kind: 'lineage',
      urn: requireUrn('lineage', o.lineage),
      direction: direction as LineageDirection | undefined,
      level: level as LineageLevel | undefined,
      depth,
      limit,
    };
  } else if (chosen[0] === 'provenance') {
    if (direction !== undefined && direction !== 'HOW_MADE' && direction !== 'WHAT_USED') {
      throw badInput(`provenance direction must be HOW_MADE or WHAT_USED (got ${o.direction})`, { argument: 'direction' });
    }
    scope = { kind: 'provenance', urn: requireUrn('provenance', o.provenance), direction: direction as ProvenanceDirection | undefined, depth, limit };
  } else {
    for (const k of ['direction', 'depth', 'level'] as const) {
      if (o[k] !== undefined && o[k] !== null && o[k] !== '') throw badInput(`${k} applies to a lineage or provenance export only`, { argument: k });
    }
    scope = { kind: 'all' };
  }
  return {
    format,
    scope,
    types: nameList('types', o.types, /^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    relTypes: nameList('relTypes', o.relTypes, /^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    properties: o.properties !== false,
    internal: o.internal === true,
  };
}

function optionalInt(name: string, v: number | string | null | undefined): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badInput(`${name} must be a positive integer (got ${v})`, { argument: name });
  return n;
}

/** Comma-separated or list; each a label / relationship type name. null when absent (no filter). */
function nameList(name: string, v: string | readonly string[] | null | undefined, shape: RegExp): string[] | null {
  if (v === undefined || v === null) return null;
  const items = (typeof v === 'string' ? v.split(',') : [...v]).map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) return null;
  for (const i of items) if (!shape.test(i)) throw badInput(`${name} contains '${i}', which is not a type name`, { argument: name });
  return name === 'types' ? labelList(name, items.map((i) => i)) : [...new Set(items)];
}

/** A file name that says what is inside: helix-<scope>.<extension>. */
export function exportFileName(r: ExportRequest, extension: string): string {
  const s = r.scope;
  const what = s.kind === 'all' ? 'graph' : s.kind === 'namespace' ? s.namespace : `${s.kind}-${s.urn}`;
  const safe = what.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'graph';
  return `helix-${safe}.${extension}`;
}
