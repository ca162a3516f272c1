import type { Writable } from 'node:stream';
import { badInput } from '../../errors.js';
import type { ServiceContext } from '../lineage/service-context.js';
import type { ExportFormat, ExportRequest } from './export-request.js';
import { exportNodes, exportRelationships, resolveScope, type ResolvedScope } from './export-source.js';
import { countExport, propertyTypes, type ExportCounts, type PropertyTypes } from './export-stats.js';
import { FORMATS } from './formats/index.js';
import type { FormatSpec, FormatWriter } from './format-writer.js';
import { TextSink } from './text-sink.js';

export interface ExportOptions {
  signal?: AbortSignal;
  /** Mermaid refuses larger graphs (HELIX_EXPORT_MERMAID_MAX_NODES). */
  mermaidMaxNodes: number;
  pageSize?: number;
  /** Called every few thousand elements (CLI progress). */
  onProgress?: (p: { nodes: number; relationships: number; bytes: number }) => void;
}

export interface ExportSummary {
  format: ExportFormat;
  nodes: number;
  relationships: number;
  elements: number;
  bytes: number;
  ms: number;
}

export function formatSpec(format: ExportFormat): FormatSpec {
  return FORMATS[format];
}

/** Everything that can refuse an export is checked here, before the first byte (an HTTP status is still possible). */
export async function prepareExport(s: ServiceContext, request: ExportRequest, o: ExportOptions): Promise<PreparedExport> {
  const spec = formatSpec(request.format);
  const scope = await resolveScope(s, request);
  const max = spec.maxNodes?.({ mermaidMaxNodes: o.mermaidMaxNodes });
  let counts: ExportCounts | undefined;
  if (max !== undefined) {
    counts = await countExport(s.exec, scope, s.query);
    if (counts.nodes > max) {
      throw badInput(
        `a ${request.format} export is limited to ${max} nodes and this scope has ${counts.nodes}; choose a smaller scope ` +
          '(--namespace, --lineage, --types) or raise HELIX_EXPORT_MERMAID_MAX_NODES',
        { argument: 'format', nodes: counts.nodes, max },
      );
    }
  }
  const types: PropertyTypes = spec.needsTypes ? await propertyTypes(s.exec, scope, s.query) : { node: new Map(), edge: new Map() };
  const writer = await spec.create({ request, types, counts, exec: s.exec, signal: o.signal, requestId: s.query.requestId });
  return { spec, scope, writer };
}

export interface PreparedExport {
  spec: FormatSpec;
  scope: ResolvedScope;
  writer: FormatWriter;
}

/** Streams a prepared export into `sink`: driver record stream -> format writer -> sink, with backpressure. */
export async function writeExport(s: ServiceContext, p: PreparedExport, sink: Writable, o: ExportOptions): Promise<ExportSummary> {
  const started = performance.now();
  const out = new TextSink(sink, o.signal);
  const stream = { signal: o.signal, requestId: s.query.requestId, pageSize: o.pageSize };
  let nodes = 0;
  let relationships = 0;
  const tick = () => {
    if (o.onProgress && (nodes + relationships) % 5000 === 0) o.onProgress({ nodes, relationships, bytes: out.bytes });
  };
  await out.write(p.writer.begin());
  for await (const n of exportNodes(s.exec, p.scope, stream)) {
    await out.write(await p.writer.node(n));
    nodes += 1;
    tick();
  }
  if (p.spec.relationships !== false) {
    for await (const r of exportRelationships(s.exec, p.scope, stream)) {
      await out.write(p.writer.relationship(r));
      relationships += 1;
      tick();
    }
  }
  await out.write(await p.writer.end());
  await out.flush();
  o.onProgress?.({ nodes, relationships, bytes: out.bytes });
  const elements = nodes + relationships;
  return { format: p.spec.format, nodes, relationships, elements, bytes: out.bytes, ms: Math.round(performance.now() - started) };
}

/** prepareExport + writeExport. */
export async function runExport(s: ServiceContext, request: ExportRequest, sink: Writable, o: ExportOptions): Promise<ExportSummary> {
  return writeExport(s, await prepareExport(s, request, o), sink, o);
}

/** The counts an export of this request will contain (GraphQL exportLink). */
export async function exportCounts(s: ServiceContext, request: ExportRequest): Promise<ExportCounts> {
  return countExport(s.exec, await resolveScope(s, request), s.query);
}
