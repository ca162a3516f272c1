import type { Executor, QueryContext } from '../db/executor.js';
import { rebuildReadModels } from '../db/read-model-rebuild.js';
import { requireQueries } from '../db/registry.js';
import { HelixError } from '../errors.js';
import type { GraphEdge, GraphNode, IngestIssue, MappedGraph } from '../../ingest/core/graph.js';
import { cleanProps, contentHash, contentProps } from './hash.js';
import { mapBatches } from './parallel-batches.js';
import { capProperties } from './property-cap.js';
import { ScopeIndex, edgeKey } from './scope-index.js';
import { countEdge, countNode, emptyReport, type WriteReport } from './write-report.js';

const Q = requireQueries([
  'ingest/upsert-nodes',
  'ingest/create-nodes',
  'graph/get-nodes-by-urn',
  'ingest/merge-nodes',
  'ingest/merge-reference-nodes',
  'ingest/upsert-edges',
  'ingest/get-node-hashes',
  'ingest/get-edge-hashes',
  'history/archive-nodes',
  'history/close-nodes',
  'history/archive-edges',
  'history/prune-versions',
  'meta/bump-graph-version',
] as const);

export interface WriteOptions {
  /** Ownership scope, e.g. 'dbt:jaffle_shop': nodes and edges written here belong to it. */
  scope: string;
  /**
   * Snapshot semantics (dbt manifests): what the scope owned before and this graph no longer has is closed (kept as a
   * version with the ingestion and time it ended, gone from the live graph), and changed content keeps its earlier
   * version. Streamed/append sources pass false.
   */
  deleteMissing: boolean;
  /** The ingestion writing: recorded on the versions it closes. */
  ingestionId?: string;
  /** Versions that ended more than this many days ago are pruned after a snapshot write (default: HELIX_HISTORY_DAYS, unset keeps all). */
  historyDays?: number;
  allowMassDelete?: boolean;
  /** Share of the scope's nodes that may be deleted without allowMassDelete. */
  massDeleteShare?: number;
  batchSize?: number;
  /** Batches written at the same time, each its own transaction (default 2: the node batches, then the edge batches). */
  parallel?: number;
  /** Accumulate: add properties to what the node has (OpenLineage) instead of replacing them (snapshots). */
  mergeProps?: boolean;
  ctx?: QueryContext;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface WriteResult {
  report: WriteReport;
  issues: IngestIssue[];
}

interface NodeRow {
  urn: string;
  labels: string[];
  props: Record<string, unknown>;
  hash: string;
  reference: boolean;
  insertOnly: boolean;
}


interface EdgeRow {
  i: number;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  hash: string;
}

/**
 * The one writer every ingester uses: sorted UNWIND batches, MERGE on (:Node {urn}) (CREATE for nodes just seen
 * absent, MERGE again if one appeared meanwhile), content hashes so unchanged content costs only reads, each batch
 * its own transaction (two in flight, parallel-batches.ts). Every write is idempotent, so a run that died half way
 * is completed by running it again; nothing is ever duplicated.
 */
export async function writeGraph(exec: Executor, graph: MappedGraph, o: WriteOptions): Promise<WriteResult> {
  const report = emptyReport();
  const issues: IngestIssue[] = [];
  const size = o.batchSize ?? 1000;
  capProperties(graph.nodes, issues);
  capProperties(graph.edges, issues);
  const nodes = nodeRows(graph.nodes);
  const edges = edgeRows(graph.edges);
  const ctx = { ...o.ctx, op: o.ctx?.op ?? `ingest ${o.scope}` };

  const index = o.deleteMissing ? await ScopeIndex.load(exec, o.scope, ctx) : undefined;
  let pruned = false;
  // Nodes this call created: their edges are written without a lookup read first. They are still written with a
  // lookup under lock (upsert-edges: once the node is committed a concurrent writer can attach the same edge; both
  // then report it as created).
  const created = new Set<string>();
  const toDelete = index ? plannedDeletions(index, nodes, o) : [];
  // What the progress counts: nodes and edges written and nodes deleted ("graph items"), all of them.
  const total = nodes.length + edges.length + toDelete.length;
  let done = 0;
  const progress = (n: number, phase: string) => o.onProgress?.((done += n), total, phase);

  const parallel = o.parallel ?? 2;
  await mapBatches(chunks(nodes, size), parallel, async (batch) => {
    for (const urn of await writeNodeBatch(exec, batch, o, report, ctx, index)) created.add(urn);
    progress(batch.length, 'graph items (nodes)');
  });
  // Every node is committed before the first edge batch starts: an edge's endpoints are there (or really missing).
  const missingByBatch = await mapBatches(chunks(edges, size), parallel, async (batch) => {
    const missing = await writeEdgeBatch(exec, batch, o, report, ctx, created, index);
    progress(batch.length, 'graph items (edges)');
    return missing;
  });
  for (const missing of missingByBatch) {
    for (const e of missing) {
      issues.push({
        severity: 'warning',
        code: 'EDGE_ENDPOINT_MISSING',
        message: `${e.type} edge not written: ${e.from} -> ${e.to} (an endpoint is not in the graph)`,
        subject: e.from,
      });
    }
  }
  if (index) {
    await closeStaleEdges(exec, index, graph, edges, o, report, ctx, size);
    for (const batch of chunks(toDelete, size)) {
      await exec.write(Q['history/close-nodes'], { urns: batch.map((n) => n.urn), scope: o.scope, ingestion: o.ingestionId ?? null }, ctx);
      for (const n of batch) countNode(report, n.label, 'deleted');
      progress(batch.length, 'graph items (deletions)');
    }
    const days = o.historyDays ?? historyDaysFromEnv();
    if (days !== undefined) {
      const [p] = await exec.write(Q['history/prune-versions'], { before: new Date(Date.now() - days * 86_400_000).toISOString() }, ctx);
      // Answers as of a pruned past change: cached ones must not outlive it.
      pruned = Number(p?.nodes ?? 0) + Number(p?.edges ?? 0) > 0;
    }
  }
  // The read models this write invalidated (src/db/read-models.ts), rebuilt from what it committed.
  await rebuildReadModels(exec, ctx);
  if (report.changed || pruned) await exec.write(Q['meta/bump-graph-version'], {}, ctx);
  return { report, issues };
}

/** Writes what changed in one batch; returns the urns the batch created. */
async function writeNodeBatch(exec: Executor, batch: NodeRow[], o: WriteOptions, report: WriteReport, ctx: QueryContext, index?: ScopeIndex): Promise<string[]> {
  const existing = new Map<string, { hash: string | null; props?: Record<string, unknown> }>();
  // Nodes the scope already owns are known from its index; only the others (new ones, references) are looked up.
  const known = o.mergeProps ? undefined : index?.nodes;
  for (const n of batch) {
    const k = known?.get(n.urn);
    if (k) existing.set(n.urn, { hash: k.hash });
  }
  const urns = batch.filter((n) => !existing.has(n.urn)).map((n) => n.urn);
  if (urns.length === 0) {
    // all known
  } else if (o.mergeProps) {
    for (const r of await exec.read(Q['graph/get-nodes-by-urn'], { urns }, ctx)) {
      const props = r.props as Record<string, unknown>;
      existing.set(String(r.urn), { hash: (props.contentHash as string | null) ?? null, props });
    }
  } else {
    for (const r of await exec.read(Q['ingest/get-node-hashes'], { urns }, ctx)) {
      existing.set(String(r.urn), { hash: (r.hash as string | null) ?? null });
    }
  }
  const changed: NodeRow[] = [];
  const newRefs: NodeRow[] = [];
  for (const n of batch) {
    const found = existing.get(n.urn);
    const label = mainLabel(n.labels);
    if (n.reference || (n.insertOnly && found)) {
      countNode(report, label, found ? 'unchanged' : 'created');
      if (!found) newRefs.push(n);
      continue;
    }
    const row = o.mergeProps && found?.props ? mergedRow(n, found.props) : n;
    const outcome = !found ? 'created' : found.hash === row.hash ? 'unchanged' : 'updated';
    countNode(report, label, outcome);
    if (outcome !== 'unchanged') changed.push(row);
  }
  const created: string[] = [];
  // Snapshot scopes keep the content a node had before this write as a closed version (only updated nodes pay).
  const updated = o.deleteMissing && !o.mergeProps ? changed.filter((n) => existing.has(n.urn)).map((n) => n.urn) : [];
  if (updated.length > 0) await exec.write(Q['history/archive-nodes'], { urns: updated, ingestion: o.ingestionId ?? null, end: 'changed' }, ctx);
  const refs = newRefs.filter((n) => n.reference);
  if (refs.length > 0) created.push(...createdUrns(await exec.write(Q['ingest/merge-reference-nodes'], { rows: refs }, ctx)));
  const inserts = newRefs.filter((n) => !n.reference);
  changed.push(...inserts);
  if (changed.length > 0 && o.mergeProps) {
    created.push(...createdUrns(await exec.write(Q['ingest/merge-nodes'], { rows: changed, scope: o.scope }, ctx)));
  } else if (changed.length > 0) {
    created.push(...(await writeOwned(exec, changed, existing, o.scope, ctx)));
  }
  return created;
}

/**
 * Owned nodes: the ones just seen absent are CREATEd (no locking MERGE lookup per row), the others upserted. If a
 * concurrent writer created one of them since the read, the CREATE fails on the uniqueness constraint as a whole
 * (a CONFLICT, nothing written) and the whole batch is upserted instead, which MERGE makes safe.
 */
async function writeOwned(exec: Executor, rows: NodeRow[], seen: ReadonlyMap<string, unknown>, scope: string, ctx: QueryContext): Promise<string[]> {
  const fresh = rows.filter((n) => !seen.has(n.urn));
  let rest = fresh.length === rows.length ? [] : rows.filter((n) => seen.has(n.urn));
  const created: string[] = [];
  if (fresh.length > 0) {
    try {
      created.push(...createdUrns(await exec.write(Q['ingest/create-nodes'], { rows: fresh, scope }, ctx)));
    } catch (error) {
      if (!(error instanceof HelixError && error.code === 'CONFLICT')) throw error;
      rest = rows;
    }
  }
  if (rest.length > 0) created.push(...createdUrns(await exec.write(Q['ingest/upsert-nodes'], { rows: rest, scope }, ctx)));
  return created;
}

const createdUrns = (rows: Array<Record<string, unknown>>): string[] => (rows[0]?.created as string[] | undefined) ?? [];

/** Accumulating sources: the node's content is what it had plus what arrives; unchanged if that adds nothing. */
function mergedRow(n: NodeRow, stored: Record<string, unknown>): NodeRow {
  const kept = contentProps(stored);
  const props = combineProps(kept, n.props);
  return { ...n, props, hash: contentHash([...n.labels].sort(), cleanProps(props as never)) };
}

async function writeEdgeBatch(
  exec: Executor,
  batch: EdgeRow[],
  o: WriteOptions,
  report: WriteReport,
  ctx: QueryContext,
  created: ReadonlySet<string>,
  index?: ScopeIndex,
) {
  const known = new Map<number, string | null>();
  const local = batch.map((e, i) => ({ ...e, i }));
  const fresh = local.filter((e) => created.has(e.from) || created.has(e.to));
  const freshIdx = new Set(fresh.map((e) => e.i));
  const indexed = o.mergeProps ? undefined : index?.edges;
  for (const e of local) {
    const key = edgeKey(e.from, e.type, e.to);
    if (!freshIdx.has(e.i) && indexed?.has(key)) known.set(e.i, indexed.get(key) ?? null);
  }
  const unknown = local.filter((e) => !known.has(e.i) && !freshIdx.has(e.i));
  for (const r of unknown.length === 0 ? [] : await exec.read(Q['ingest/get-edge-hashes'], { rows: unknown }, ctx)) {
    const i = Number(r.i);
    known.set(i, (r.hash as string | null) ?? null);
    if (o.mergeProps) {
      const kept = contentProps(r.props as Record<string, unknown>);
      const props = combineProps(kept, local[i]!.props);
      local[i] = { ...local[i]!, props, hash: contentHash(local[i]!.type, cleanProps(props as never)) };
    }
  }
  const changed = local.filter((e) => freshIdx.has(e.i) || known.get(e.i) !== e.hash);
  const missingIdx = new Set<number>();
  const updated = o.deleteMissing && !o.mergeProps ? changed.filter((e) => known.has(e.i)) : [];
  if (updated.length > 0) {
    await exec.write(Q['history/archive-edges'], { rows: updated, scope: o.scope, ingestion: o.ingestionId ?? null, end: 'changed' }, ctx);
  }
  if (changed.length > 0) {
    const [res] = await exec.write(Q['ingest/upsert-edges'], { rows: changed, scope: o.scope }, ctx);
    for (const i of (res?.missing as number[] | undefined) ?? []) missingIdx.add(Number(i));
  }
  const missing = local.filter((e) => missingIdx.has(e.i));
  for (const e of local) {
    if (missingIdx.has(e.i)) continue;
    countEdge(report, e.type, !known.has(e.i) ? 'created' : known.get(e.i) === e.hash ? 'unchanged' : 'updated');
  }
  report.danglingEdges += missing.length;
  return missing;
}

/**
 * Accumulating sources: `later` adds to `earlier`, and overrides it unless `earlier` says it comes from a more
 * recent event (`lastEventTime`), so the stored content does not depend on the order events arrive in.
 */
export function combineProps(earlier: Record<string, unknown>, later: Record<string, unknown>): Record<string, unknown> {
  const a = earlier.lastEventTime;
  const b = later.lastEventTime;
  if (typeof a !== 'string' || typeof b !== 'string' || a < b) return { ...earlier, ...later };
  const out = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (!(key in out) || out[key] === undefined) out[key] = value;
    // Same instant, different content: the larger value wins, so the result does not depend on arrival order.
    else if (a === b && JSON.stringify(value) > JSON.stringify(out[key])) out[key] = value;
  }
  return out;
}

function plannedDeletions(index: ScopeIndex, nodes: NodeRow[], o: WriteOptions) {
  const keep = new Set(nodes.map((n) => n.urn));
  const owned = index.nodes.size;
  const stale = [...index.nodes]
    .filter(([urn]) => !keep.has(urn))
    .map(([urn, n]) => ({ urn, label: mainLabel(n.labels.filter((l) => l !== 'Node')) }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
  const share = o.massDeleteShare ?? 0.2;
  if (owned > 0 && stale.length / owned > share && !o.allowMassDelete) {
    throw new HelixError(
      'CONFLICT',
      `refusing to delete ${stale.length} of ${owned} nodes of ${o.scope} ` +
        `(${((100 * stale.length) / owned).toFixed(1)}% > ${share * 100}%); pass --allow-mass-delete to proceed`,
      { scope: o.scope, stale: stale.length, owned },
    );
  }
  return stale;
}

async function closeStaleEdges(
  exec: Executor,
  index: ScopeIndex,
  graph: MappedGraph,
  edges: EdgeRow[],
  o: WriteOptions,
  report: WriteReport,
  ctx: QueryContext,
  size: number,
) {
  const keep = new Set(edges.map((e) => edgeKey(e.from, e.type, e.to)));
  const preserved = new Set((graph.preserve ?? []).map((p) => `${p.from}\u0000${p.type}`));
  const stale = [...index.edges.keys()]
    .filter((k) => !keep.has(k))
    .map((k) => {
      const [from, type, to] = k.split('\u0000') as [string, string, string];
      return { from, type, to };
    })
    .filter((e) => !preserved.has(`${e.from}\u0000${e.type}`))
    .sort((a, b) => edgeKey(a.from, a.type, a.to).localeCompare(edgeKey(b.from, b.type, b.to)));
  for (const batch of chunks(stale, size)) {
    await exec.write(Q['history/archive-edges'], { rows: batch, scope: o.scope, ingestion: o.ingestionId ?? null, end: 'closed' }, ctx);
    for (const e of batch) countEdge(report, e.type, 'deleted');
  }
}

function nodeRows(nodes: GraphNode[]): NodeRow[] {
  const byUrn = new Map<string, NodeRow>();
  for (const n of nodes) {
    const prev = byUrn.get(n.urn);
    const labels = [...new Set([...(prev?.labels ?? []), ...n.labels])];
    const props = combineProps(prev?.props ?? {}, cleanProps(n.props));
    const reference = (prev ? prev.reference : true) && n.mode === 'reference';
    const insertOnly = (prev ? prev.insertOnly : true) && n.mode === 'insert';
    byUrn.set(n.urn, { urn: n.urn, labels, props, reference, insertOnly, hash: '' });
  }
  const rows = [...byUrn.values()].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  for (const r of rows) r.hash = contentHash([...r.labels].sort(), cleanProps(r.props as never));
  return rows;
}

function edgeRows(edges: GraphEdge[]): EdgeRow[] {
  const byKey = new Map<string, EdgeRow>();
  for (const e of edges) {
    const k = `${e.from}\u0000${e.type}\u0000${e.to}`;
    const props = combineProps(byKey.get(k)?.props ?? {}, cleanProps(e.props));
    byKey.set(k, { i: 0, type: e.type, from: e.from, to: e.to, props, hash: '' });
  }
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  rows.forEach((r, i) => {
    r.i = i;
    r.hash = contentHash(r.type, cleanProps(r.props as never));
  });
  return rows;
}

/** HELIX_HISTORY_DAYS: how long ended versions are kept (unset: forever). */
export function historyDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.HELIX_HISTORY_DAYS?.trim();
  if (!raw) return undefined;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) {
    throw new HelixError('CONFIG_INVALID', `HELIX_HISTORY_DAYS must be a positive number of days, got '${raw}'`);
  }
  return days;
}

function mainLabel(labels: string[]): string {
  return labels[labels.length - 1] ?? 'Node';
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
