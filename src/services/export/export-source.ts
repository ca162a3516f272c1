import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { getLineage } from '../lineage/lineage-service.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { getProvenance } from '../provenance/provenance-service.js';
import type { ExportRequest } from './export-request.js';

const Q = requireQueries([
  'export/list-node-page',
  'export/list-relationship-page',
  'export/get-node-page-by-urns',
  'export/get-relationship-page-by-urns',
  'export/filter-urns',
  'export/list-internal-nodes',
] as const);

/** A node as exported: properties keep their driver types (Integer, temporal...) so that writers can keep them. */
export interface ExportNode {
  urn: string;
  labels: string[];
  props: Record<string, unknown>;
}

export interface ExportRelationship {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/**
 * A request whose scope is ready to stream: either a predicate evaluated by Neo4j page by page (everything, a
 * namespace), or the sorted node set of a lineage / provenance answer (bounded by those queries' own limits).
 */
export interface ResolvedScope {
  request: ExportRequest;
  urns: string[] | null;
}

export interface StreamOptions {
  signal?: AbortSignal;
  requestId?: string;
  /** Keyset page size (nodes per query). */
  pageSize?: number;
}

/** Several minutes: a page's transaction stays open while a slow client drains it (backpressure). */
const PAGE_TIMEOUT_MS = 600_000;
const DEFAULT_PAGE = 5000;

/** Lineage and provenance scopes reuse their services, so an export holds exactly the nodes those queries return. */
export async function resolveScope(s: ServiceContext, request: ExportRequest): Promise<ResolvedScope> {
  const scope = request.scope;
  let urns: string[] | null = null;
  if (scope.kind === 'lineage') {
    const g = await getLineage(s, { urn: scope.urn, direction: scope.direction, depth: scope.depth, level: scope.level, limit: scope.limit });
    urns = g.nodes.map((n) => n.urn);
  } else if (scope.kind === 'provenance') {
    const g = await getProvenance(s, { urn: scope.urn, direction: scope.direction, depth: scope.depth, limit: scope.limit });
    urns = g.nodes.map((n) => n.urn);
  }
  if (urns !== null) {
    const rows = await s.exec.read(Q['export/filter-urns'], { urns, types: request.types, internal: request.internal }, s.query);
    urns = rows.map((r) => String(r.urn));
  }
  return { request, urns };
}

/** The Cypher parameters of a predicate scope. */
export function scopeParams(r: ExportRequest): Record<string, unknown> {
  return {
    namespace: r.scope.kind === 'namespace' ? r.scope.namespace : null,
    types: r.types,
    internal: r.internal,
    relTypes: r.relTypes,
    properties: r.properties,
  };
}

/** Internal nodes outside :Node are added to an --internal export of everything only. */
export function includesUnlabelledInternal(r: ExportRequest): boolean {
  return r.internal && r.scope.kind === 'all' && r.types === null;
}

/** The exported nodes in urn order, page by page (each page one streamed query). */
export async function* exportNodes(exec: Executor, scope: ResolvedScope, o: StreamOptions = {}): AsyncGenerator<ExportNode> {
  const r = scope.request;
  const pageSize = o.pageSize ?? DEFAULT_PAGE;
  const ctx = { op: 'export nodes', requestId: o.requestId, signal: o.signal, timeoutMs: PAGE_TIMEOUT_MS };
  if (scope.urns !== null) {
    for (let i = 0; i < scope.urns.length; i += pageSize) {
      const urns = scope.urns.slice(i, i + pageSize);
      for await (const rec of exec.stream(Q['export/get-node-page-by-urns'], { urns, properties: r.properties }, ctx)) yield node(rec);
    }
    return;
  }
  let after = '';
  for (;;) {
    let count = 0;
    for await (const rec of exec.stream(Q['export/list-node-page'], { ...scopeParams(r), after, pageSize }, ctx)) {
      const n = node(rec);
      count += 1;
      after = n.urn;
      yield n;
    }
    if (count < pageSize) break;
  }
  if (includesUnlabelledInternal(r)) {
    for await (const rec of exec.stream(Q['export/list-internal-nodes'], { properties: r.properties }, ctx)) yield node(rec);
  }
}

/** Every relationship among the exported nodes, grouped by source node in urn order. */
export async function* exportRelationships(exec: Executor, scope: ResolvedScope, o: StreamOptions = {}): AsyncGenerator<ExportRelationship> {
  const r = scope.request;
  const pageSize = o.pageSize ?? DEFAULT_PAGE;
  const ctx = { op: 'export relationships', requestId: o.requestId, signal: o.signal, timeoutMs: PAGE_TIMEOUT_MS };
  if (scope.urns !== null) {
    for (let i = 0; i < scope.urns.length; i += pageSize) {
      const params = { urns: scope.urns.slice(i, i + pageSize), all: scope.urns, relTypes: r.relTypes, properties: r.properties };
      for await (const rec of exec.stream(Q['export/get-relationship-page-by-urns'], params, ctx)) yield relationship(rec);
    }
    return;
  }
  let after = '';
  for (;;) {
    const sources = new Set<string>();
    for await (const rec of exec.stream(Q['export/list-relationship-page'], { ...scopeParams(r), after, pageSize }, ctx)) {
      const from = String(rec.from);
      sources.add(from);
      if (from > after) after = from;
      if (rec.type !== null) yield relationship(rec);
    }
    if (sources.size < pageSize) break;
  }
}

function node(rec: Record<string, unknown>): ExportNode {
  return { urn: String(rec.urn), labels: rec.labels as string[], props: rec.props as Record<string, unknown> };
}

function relationship(rec: Record<string, unknown>): ExportRelationship {
  return { type: String(rec.type), from: String(rec.from), to: String(rec.to), props: rec.props as Record<string, unknown> };
}
