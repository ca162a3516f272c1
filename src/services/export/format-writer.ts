import type { Executor } from '../../db/executor.js';
import type { ExportFormat, ExportRequest } from './export-request.js';
import type { ExportNode, ExportRelationship } from './export-source.js';
import type { ExportCounts, PropertyTypes } from './export-stats.js';

/** What a writer knows before the first node. */
export interface WriterContext {
  request: ExportRequest;
  /** Declared property keys and their types (formats with `needsTypes`). */
  types: PropertyTypes;
  counts?: ExportCounts;
  exec: Executor;
  signal?: AbortSignal;
  requestId?: string;
}

/**
 * Turns the node stream, then the relationship stream, into text. Each call returns the text for that element
 * (possibly empty); nothing is kept beyond what the format needs (a batch, a map of ids for small formats).
 */
export interface FormatWriter {
  begin(): string;
  node(n: ExportNode): string | Promise<string>;
  /** Called for each relationship unless the format has none (`relationships: false`). */
  relationship(r: ExportRelationship): string;
  end(): string | Promise<string>;
}

export interface FormatSpec {
  format: ExportFormat;
  contentType: string;
  extension: string;
  /** The format declares its property keys before the first node (a pre-pass over the scope). */
  needsTypes?: boolean;
  /** The format reads no relationships. */
  relationships?: boolean;
  /** A limit on the node count, checked before the first byte. */
  maxNodes?: (ctx: { mermaidMaxNodes: number }) => number | undefined;
  create(ctx: WriterContext): FormatWriter | Promise<FormatWriter>;
}
