import { exportFileName, exportRequest, type RawExportOptions } from '../../services/export/export-request.js';
import { exportCounts, formatSpec } from '../../services/export/run-export.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import type { GraphQLContext } from '../context.js';
import { HelixError } from '../../errors.js';
import { exportScopeRefusal } from '../../auth/export-scope.js';

interface ExportScopeInput {
  namespace?: string | null;
  lineage?: { urn: string; direction?: string | null; depth?: number | null; level?: string | null; limit?: number | null } | null;
  provenance?: { urn: string; direction?: string | null; depth?: number | null; limit?: number | null } | null;
  types?: string[] | null;
  relTypes?: string[] | null;
  properties?: boolean | null;
  internal?: boolean | null;
}

/** The same options as the CLI flags and the HTTP query string. */
function rawOptions(format: string, scope: ExportScopeInput | null | undefined): RawExportOptions {
  const s = scope ?? {};
  const walk = s.lineage ?? s.provenance;
  return {
    format,
    namespace: s.namespace,
    lineage: s.lineage?.urn,
    provenance: s.provenance?.urn,
    direction: walk?.direction,
    depth: walk?.depth,
    level: s.lineage?.level,
    limit: walk?.limit,
    types: s.types,
    relTypes: s.relTypes,
    properties: s.properties,
    internal: s.internal,
  };
}

/** The query string of GET /api/v1/export for these options (defaults left out). */
function exportUrl(o: RawExportOptions): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'properties' && v === true) continue;
    if (k === 'internal' && v === false) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return `/api/v1/export?${q.toString()}`;
}

export const exportResolvers = {
  Query: {
    exportLink: async (_: unknown, args: { format: string; scope?: ExportScopeInput | null }, ctx: GraphQLContext) => {
      const raw = rawOptions(args.format.toLowerCase(), args.scope);
      const request = exportRequest(raw);
      const refusal = exportScopeRefusal(ctx.principal, request);
      if (refusal) throw new HelixError('FORBIDDEN', refusal);
      const counts = await exportCounts(serviceContext(ctx.helix, ctx.queryCtx), request);
      const spec = formatSpec(request.format);
      return {
        url: exportUrl({ ...raw, format: request.format }),
        format: request.format.toUpperCase(),
        fileName: exportFileName(request, spec.extension),
        contentType: spec.contentType,
        nodes: counts.nodes,
        relationships: counts.relationships,
        elements: counts.nodes + counts.relationships,
      };
    },
  },
};
