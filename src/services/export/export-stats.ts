import type { Executor, QueryContext } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { includesUnlabelledInternal, scopeParams, type ResolvedScope } from './export-source.js';

const Q = requireQueries([
  'export/count-scope',
  'export/count-urns',
  'export/count-internal-nodes',
  'export/list-node-property-types',
  'export/list-edge-property-types',
  'export/list-property-types-by-urns',
  'export/list-internal-property-types',
  'export/list-schema-property-types',
] as const);

export interface ExportCounts {
  nodes: number;
  relationships: number;
}

/** Property keys per element kind, each with the Neo4j value types seen (`INTEGER NOT NULL`, `LIST<STRING NOT NULL>`...). */
export interface PropertyTypes {
  node: Map<string, string[]>;
  edge: Map<string, string[]>;
}

const LONG_QUERY = 600_000;

export async function countExport(exec: Executor, scope: ResolvedScope, ctx: QueryContext = {}): Promise<ExportCounts> {
  const r = scope.request;
  const c = { ...ctx, timeoutMs: LONG_QUERY };
  if (scope.urns !== null) {
    const [row] = await exec.read(Q['export/count-urns'], { all: scope.urns, relTypes: r.relTypes }, c);
    return { nodes: scope.urns.length, relationships: Number(row?.relationships ?? 0) };
  }
  const [row] = await exec.read(Q['export/count-scope'], scopeParams(r), c);
  let nodes = Number(row?.nodes ?? 0);
  if (includesUnlabelledInternal(r)) nodes += Number((await exec.read(Q['export/count-internal-nodes'], {}, c))[0]?.nodes ?? 0);
  return { nodes, relationships: Number(row?.relationships ?? 0) };
}

export async function propertyTypes(exec: Executor, scope: ResolvedScope, ctx: QueryContext = {}): Promise<PropertyTypes> {
  const r = scope.request;
  const out: PropertyTypes = { node: new Map(), edge: new Map() };
  if (!r.properties) return out;
  const c = { ...ctx, timeoutMs: LONG_QUERY };
  const everything = r.scope.kind === 'all' && r.types === null && r.relTypes === null;
  const rows: Array<Record<string, unknown>> =
    scope.urns !== null
      ? await exec.read(Q['export/list-property-types-by-urns'], { all: scope.urns, relTypes: r.relTypes }, c)
      : everything
        ? (await exec.read(Q['export/list-schema-property-types'], { internal: r.internal }, c)).map((row) => ({
            ...row,
            types: (row.types as string[]).map(schemaValueType),
          }))
        : [
            ...(await exec.read(Q['export/list-node-property-types'], scopeParams(r), c)),
            ...(await exec.read(Q['export/list-edge-property-types'], scopeParams(r), c)),
          ];
  if (includesUnlabelledInternal(r)) rows.push(...(await exec.read(Q['export/list-internal-property-types'], {}, c)));
  for (const row of rows) {
    const map = row.element === 'edge' ? out.edge : out.node;
    const key = String(row.key);
    map.set(key, [...new Set([...(map.get(key) ?? []), ...(row.types as string[])])]);
  }
  return out;
}

const SCHEMA_SCALARS: Record<string, string> = {
  String: 'STRING',
  Char: 'STRING',
  Long: 'INTEGER',
  Integer: 'INTEGER',
  Short: 'INTEGER',
  Byte: 'INTEGER',
  Double: 'FLOAT',
  Float: 'FLOAT',
  Boolean: 'BOOLEAN',
};

/**
 * db.schema.*TypeProperties names types as Java does (`Long`, `StringArray`, `DateTime`); the rest of the export
 * speaks Cypher's valueType() (`INTEGER NOT NULL`, `LIST<STRING NOT NULL> NOT NULL`). Temporal and spatial types
 * keep their schema name, which writers treat as text, as they treat valueType()'s temporal names.
 */
export function schemaValueType(t: string): string {
  const array = /^(.+)Array$/.exec(t);
  if (array) return `LIST<${SCHEMA_SCALARS[array[1]!] ?? array[1]!.toUpperCase()} NOT NULL> NOT NULL`;
  return `${SCHEMA_SCALARS[t] ?? t.toUpperCase()} NOT NULL`;
}

