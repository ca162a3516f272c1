import { splitRelationName } from '../../common/physical-name.js';
import type { DbtResource } from '../artifacts.js';
import type { ColumnLineageInput, ColumnLineageResult, UpstreamRelation } from '../sql/types.js';
import { RELATION_TYPES, columnUrn } from './capsule-types.js';
import { knownColumns, type CapsuleEntry, type MapContext } from './context.js';
import { resolveTarget } from './resolve.js';

/**
 * Column lineage of every owned model with compiled code, through opts.deriveColumnLineage:
 * (down:Column)-[:DERIVED_FROM {transformation}]->(up:Column). Columns only the SQL reveals become inferred
 * Column nodes. Models whose lineage is not derived this time (no compiled code, no deriver, SQL that does not
 * parse) preserve the DERIVED_FROM edges of their known columns from earlier ingestions.
 */
export function mapColumnLineage(ctx: MapContext): void {
  for (const key of ['compiledModels', 'modelsWithColumnLineage', 'columnLineageEdges', 'sqlParseFailures']) ctx.g.count(key, 0);
  const derive = ctx.options.deriveColumnLineage;
  // Upstreams first: columns a parent's SQL reveals (`select *` over an undocumented source) feed its children.
  for (const capsule of upstreamFirst(ctx)) {
    const model = capsule.resource;
    if (capsule.reference || !model || capsule.resourceType !== 'model') continue;
    if (model.compiledCode !== undefined) ctx.g.count('compiledModels');
    if (!derive || model.compiledCode === undefined) {
      preserveLineage(ctx, capsule.urn);
      continue;
    }
    if (isPythonModel(model)) {
      // Python models (dbt ≥ 1.3) have no SQL to parse: say so once, rather than a false SQL_PARSE_FAILED.
      ctx.g.count('pythonModels');
      ctx.g.issue({
        severity: 'info',
        code: 'COLUMN_LINEAGE_NOT_SQL',
        message: `column lineage of ${model.uniqueId} not derived: it is a Python model`,
        file: ctx.artifacts.manifestPath,
        subject: capsule.urn,
      });
      preserveLineage(ctx, capsule.urn);
      continue;
    }
    const upstreams = upstreamRelations(ctx, model);
    const result = runDerive(() => derive(deriveInput(ctx, capsule, model, upstreams)));
    if (!result.parsed) {
      ctx.g.count('sqlParseFailures');
      ctx.g.issue({
        severity: 'warning',
        code: 'SQL_PARSE_FAILED',
        message: `column lineage of ${model.uniqueId} not derived: ${result.issues.map((i) => i.message).join('; ') || 'SQL not parsed'}`,
        file: ctx.artifacts.manifestPath,
        subject: capsule.urn,
      });
      preserveLineage(ctx, capsule.urn);
      continue;
    }
    addLineage(ctx, capsule, upstreams, result);
  }
}

/** `language: python`, or (a manifest that omits the language) the `def model(dbt, session)` entry point. */
function isPythonModel(model: DbtResource): boolean {
  if (typeof model.language === 'string') return model.language.toLowerCase() === 'python';
  return /^\s*def\s+model\s*\(\s*dbt\s*,/m.test(model.compiledCode ?? '');
}

/**
 * The inputs mapColumnLineage would hand to the deriver, given what is known before it starts: the same as the real
 * ones except where an upstream's SQL reveals columns (inferred columns feed the models read after it). A caller
 * can derive these ahead of time (in parallel); the mapping still asks for each input in order and uses a result
 * only for an identical input.
 */
export function columnLineageInputs(ctx: MapContext): ColumnLineageInput[] {
  const inputs: ColumnLineageInput[] = [];
  for (const capsule of upstreamFirst(ctx)) {
    const model = capsule.resource;
    if (capsule.reference || !model || capsule.resourceType !== 'model' || model.compiledCode === undefined) continue;
    if (isPythonModel(model)) continue;
    inputs.push(deriveInput(ctx, capsule, model, upstreamRelations(ctx, model)));
  }
  return inputs;
}

function deriveInput(
  ctx: MapContext,
  capsule: CapsuleEntry,
  model: DbtResource,
  upstreams: Array<{ capsule: CapsuleEntry; relation: UpstreamRelation }>,
): ColumnLineageInput {
  return {
    sql: model.compiledCode as string,
    adapter: ctx.manifest.metadata.adapter_type ?? '',
    upstreams: upstreams.map((u) => u.relation),
    modelColumns: [...knownColumns(ctx, capsule.urn).keys()],
  };
}

function addLineage(
  ctx: MapContext,
  capsule: CapsuleEntry,
  upstreams: Array<{ capsule: CapsuleEntry; relation: UpstreamRelation }>,
  result: ColumnLineageResult,
): void {
  for (const issue of result.issues) {
    ctx.g.issue({ severity: 'info', code: issue.code, message: issue.message, file: ctx.artifacts.manifestPath, subject: capsule.urn });
  }
  for (const column of result.outputColumns) ensureColumn(ctx, capsule, column);
  const byUrn = new Map(upstreams.map((u) => [u.capsule.urn, u.capsule]));
  let edges = 0;
  for (const edge of result.edges) {
    const upstream = byUrn.get(edge.upstreamUrn);
    if (!upstream) {
      ctx.g.issue({
        severity: 'warning',
        code: 'DBT_LINEAGE_UNKNOWN_UPSTREAM',
        message: `column lineage of ${capsule.uniqueId} names ${edge.upstreamUrn}, which is not one of its upstreams`,
        subject: capsule.urn,
      });
      continue;
    }
    const down = ensureColumn(ctx, capsule, edge.column);
    const up = ensureColumn(ctx, upstream, edge.upstreamColumn);
    if (ctx.g.addEdge('DERIVED_FROM', down, up, { transformation: edge.transformation })) edges++;
  }
  if (edges > 0) {
    ctx.g.count('modelsWithColumnLineage');
    ctx.g.count('columnLineageEdges', edges);
  }
}

function upstreamFirst(ctx: MapContext): CapsuleEntry[] {
  const ordered: CapsuleEntry[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (capsule: CapsuleEntry) => {
    if (state.has(capsule.urn)) return; // done, or a cycle: keep going in manifest order
    state.set(capsule.urn, 'visiting');
    for (const target of capsule.resource?.dependsOn ?? []) {
      const resolved = resolveTarget(ctx, target);
      if (resolved.kind === 'capsule') visit(resolved.capsule);
    }
    state.set(capsule.urn, 'done');
    ordered.push(capsule);
  };
  for (const capsule of ctx.capsules.values()) visit(capsule);
  return ordered;
}

function runDerive(call: () => ColumnLineageResult): ColumnLineageResult {
  try {
    return call();
  } catch (error) {
    return { parsed: false, outputColumns: [], edges: [], issues: [{ code: 'SQL_PARSE_FAILED', message: (error as Error).message }] };
  }
}

function preserveLineage(ctx: MapContext, capsuleUrn: string): void {
  for (const urn of knownColumns(ctx, capsuleUrn).values()) ctx.g.preserve(urn, 'DERIVED_FROM');
}

/** A column known from manifest/catalog, or an inferred one (mode reference on another project's capsule). */
function ensureColumn(ctx: MapContext, capsule: CapsuleEntry, name: string): string {
  const key = name.toLowerCase();
  const columns = knownColumns(ctx, capsule.urn);
  const known = columns.get(key);
  if (known) return known;
  const urn = columnUrn(capsule.urn, key);
  ctx.g.addNode({
    urn,
    labels: ['Column'],
    props: { name: key, capsuleUrn: capsule.urn, inferred: true },
    ...(capsule.reference ? { mode: 'reference' as const } : {}),
  });
  ctx.g.addEdge('HAS_COLUMN', capsule.urn, urn);
  columns.set(key, urn);
  ctx.g.count('inferredColumns');
  return urn;
}

/** The relations a model's SQL can read: its model/source/seed/snapshot dependencies, under every name form. */
function upstreamRelations(ctx: MapContext, model: DbtResource): Array<{ capsule: CapsuleEntry; relation: UpstreamRelation }> {
  const out: Array<{ capsule: CapsuleEntry; relation: UpstreamRelation }> = [];
  for (const target of model.dependsOn) {
    const resolved = resolveTarget(ctx, target);
    if (resolved.kind !== 'capsule' || !RELATION_TYPES.has(resolved.capsule.resourceType)) continue;
    const capsule = resolved.capsule;
    out.push({
      capsule,
      relation: {
        urn: capsule.urn,
        names: relationNames(capsule),
        columns: [...knownColumns(ctx, capsule.urn).keys()],
      },
    });
  }
  return out;
}

/**
 * Lower-cased 1-, 2- and 3-part names of a relation (`table`, `schema.table`, `db.schema.table`); an ephemeral
 * model is inlined by dbt as the CTE `__dbt__cte__<name>`.
 */
export function relationNames(capsule: CapsuleEntry): string[] {
  const r = capsule.resource;
  if (!r) return [capsule.uniqueId.split('.').slice(2).join('.').toLowerCase()];
  if (r.resourceType === 'model' && r.materialized === 'ephemeral') return [`__dbt__cte__${r.name}`.toLowerCase()];
  const names = new Set<string>();
  // relation_name and the parts usually agree; both are kept for when quoting or a missing database differ.
  const forms = [r.relationName ? splitRelationName(r.relationName) : [], [r.database, r.schema, r.alias ?? r.identifier ?? r.name]];
  for (const form of forms) {
    const parts = form.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.toLowerCase());
    for (let k = 1; k <= Math.min(3, parts.length); k++) names.add(parts.slice(-k).join('.'));
  }
  return [...names];
}
