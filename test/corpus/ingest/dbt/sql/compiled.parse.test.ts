import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveColumnLineage } from '../../../../../ingest/dbt/sql/column-lineage.js';
import type { ColumnLineageResult, UpstreamRelation } from '../../../../../ingest/dbt/sql/types.js';
import { corpusPath } from '../../../../support/corpus.js';

type Json = Record<string, any>;

const projects = readdirSync(corpusPath('dbt')).filter((dir) => existsSync(corpusPath('dbt', dir, 'manifest.json')));

function readJson(...parts: string[]): Json | undefined {
  const file = corpusPath(...parts);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
}

/** 'db.schema.t', 'schema.t', 't' from relation_name (quotes stripped) or database/schema/alias. */
function namesOf(node: Json): string[] {
  const raw = node.relation_name
    ? String(node.relation_name).replace(/["`[\]]/g, '')
    : [node.database, node.schema, node.alias ?? node.identifier ?? node.name].filter(Boolean).join('.');
  const parts = raw.toLowerCase().split('.');
  return parts.map((_, i) => parts.slice(i).join('.'));
}

function columnsOf(id: string, node: Json, catalog: Json | undefined): string[] {
  const entry = catalog?.nodes?.[id] ?? catalog?.sources?.[id];
  return [...new Set([...Object.keys(node.columns ?? {}), ...Object.keys(entry?.columns ?? {})].map((c) => c.toLowerCase()))];
}

function upstreamsOf(node: Json, manifest: Json, catalog: Json | undefined): UpstreamRelation[] {
  return (node.depends_on?.nodes ?? [])
    .map((id: string) => [id, manifest.nodes?.[id] ?? manifest.sources?.[id]] as const)
    .filter(([, parent]: readonly [string, Json | undefined]) => parent !== undefined)
    .map(([id, parent]: readonly [string, Json]) => ({ urn: id, names: namesOf(parent), columns: columnsOf(id, parent, catalog) }));
}

interface ModelRun {
  id: string;
  node: Json;
  upstreams: UpstreamRelation[];
  result: ColumnLineageResult;
}

function runProject(dir: string): ModelRun[] {
  const manifest = readJson('dbt', dir, 'manifest.json') as Json;
  const catalog = readJson('dbt', dir, 'catalog.json');
  const adapter = String(manifest.metadata?.adapter_type ?? '');
  const runs: ModelRun[] = [];
  for (const [id, node] of Object.entries<Json>(manifest.nodes ?? {})) {
    const sql = node.compiled_code ?? node.compiled_sql;
    if (node.resource_type !== 'model' || node.config?.enabled === false || typeof sql !== 'string') continue;
    const upstreams = upstreamsOf(node, manifest, catalog);
    const result = deriveColumnLineage({ sql, adapter, upstreams, modelColumns: columnsOf(id, node, catalog) });
    runs.push({ id, node, upstreams, result });
  }
  return runs;
}

const runsByProject = new Map<string, ModelRun[]>();

function runsOf(dir: string): ModelRun[] {
  let runs = runsByProject.get(dir);
  if (!runs) {
    runs = runProject(dir);
    runsByProject.set(dir, runs);
  }
  return runs;
}

describe.each(projects)('compiled SQL of %s', (dir) => {
  it('derives lineage for every compiled model without throwing', () => {
    expect(() => runsOf(dir)).not.toThrow();
  });

  it('returns well-formed results: lower-case unique outputs, edges only to given upstreams and output columns', () => {
    for (const { id, upstreams, result } of runsOf(dir)) {
      const context = `${dir} ${id}`;
      expect(typeof result.parsed, context).toBe('boolean');
      expect(new Set(result.outputColumns).size, context).toBe(result.outputColumns.length);
      for (const column of result.outputColumns) expect(column, context).toBe(column.toLowerCase());
      const urns = new Set(upstreams.map((u) => u.urn));
      for (const edge of result.edges) {
        expect(urns.has(edge.upstreamUrn), `${context} → ${edge.upstreamUrn}`).toBe(true);
        expect(result.outputColumns, context).toContain(edge.column);
        expect(edge.upstreamColumn, context).toBe(edge.upstreamColumn.toLowerCase());
        expect(['identity', 'expression', 'aggregation'], context).toContain(edge.transformation);
      }
      if (!result.parsed) {
        expect(result.edges, context).toEqual([]);
        const codes = result.issues.map((i) => i.code);
        expect(codes.some((c) => ['SQL_PARSE_FAILED', 'SQL_TOO_LARGE', 'SQL_LINEAGE_FAILED'].includes(c)), context).toBe(true);
      }
    }
  });
});

const jaffleProjects = projects.filter((dir) => dir.startsWith('jaffle-shop-'));

describe.each(jaffleProjects)('jaffle_shop customers in %s', (dir) => {
  it('derives customers.customer_id from stg_customers.customer_id (identity) wherever customers is compiled', () => {
    const manifest = readJson('dbt', dir, 'manifest.json') as Json;
    const compiledCustomers = Object.values<Json>(manifest.nodes ?? {}).filter(
      (n) => n.resource_type === 'model' && n.name === 'customers' && n.package_name === 'jaffle_shop' && (n.compiled_code ?? n.compiled_sql),
    );
    const ids = new Set(compiledCustomers.map((n) => n.unique_id));
    const checked = runsOf(dir).filter(({ id }) => ids.has(id));
    // A parse-only manifest (jaffle-shop-v4) has no compiled customers model: nothing to check there.
    expect(checked).toHaveLength(compiledCustomers.length);
    for (const { node, result } of checked) {
      const stg = (node.depends_on?.nodes ?? []).find((id: string) => manifest.nodes?.[id]?.name === 'stg_customers');
      expect(stg, node.unique_id).toBeDefined();
      expect(result.parsed).toBe(true);
      expect(result.outputColumns).toContain('customer_id');
      expect(result.edges.filter((e) => e.column === 'customer_id')).toEqual([
        { column: 'customer_id', upstreamUrn: stg, upstreamColumn: 'customer_id', transformation: 'identity' },
      ]);
    }
  });
});

it('checks customers lineage in at least one compiled jaffle_shop project', () => {
  const compiled = jaffleProjects.flatMap((dir) =>
    runsOf(dir).filter(({ node }) => node.name === 'customers' && node.package_name === 'jaffle_shop'),
  );
  expect(compiled.length).toBeGreaterThan(0);
});
