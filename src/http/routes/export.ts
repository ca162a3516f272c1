import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HelixContext } from '../../app/context.js';
import { HelixError, type ErrorCode } from '../../errors.js';
import { exportFileName, exportRequest, type ExportRequest } from '../../services/export/export-request.js';
import { prepareExport, writeExport } from '../../services/export/run-export.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import { json, type ExtraRoute } from '../server.js';
import { recordAudit } from '../../auth/audit.js';
import { exportScopeRefusal, exportTargets } from '../../auth/export-scope.js';
import { requestPrincipal } from '../../auth/request-principal.js';
import { forbidden, requireRole } from '../guards.js';

const STATUS: Partial<Record<ErrorCode, number>> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, TIMEOUT: 504, DATABASE_UNAVAILABLE: 503, SERVICE_UNAVAILABLE: 503 };

/** The query string of GET /api/v1/export as export options (the same names as the CLI flags, camelCase allowed). */
export function exportRequestFromQuery(params: URLSearchParams): ExportRequest {
  const get = (...names: string[]) => names.map((n) => params.get(n)).find((v) => v !== null) ?? undefined;
  const flag = (name: string) => {
    const v = params.get(name);
    return v === null ? undefined : !['false', '0', 'no'].includes(v.toLowerCase());
  };
  return exportRequest({
    format: get('format') ?? 'graphml',
    namespace: get('namespace'),
    lineage: get('lineage'),
    provenance: get('provenance'),
    direction: get('direction'),
    depth: get('depth'),
    level: get('level'),
    limit: get('limit'),
    types: get('types'),
    relTypes: get('relTypes', 'rel-types', 'rel_types'),
    properties: flag('properties') ?? (flag('no-properties') === true ? false : undefined),
    internal: flag('internal'),
  });
}

/**
 * `GET /api/v1/export?format=F&namespace=…|lineage=URN&direction=…&depth=…`: the export streamed as the response
 * body (chunked) with its content type and a Content-Disposition file name. Refusals (bad options, unknown root,
 * too many nodes for Mermaid) are 4xx before the first byte; when the client goes away the export is aborted and
 * its running Neo4j query stopped.
 */
export function exportRoute(helix: HelixContext): ExtraRoute {
  return {
    prefix: '/api/v1/export',
    expensive: true,
    handler: async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
      if (req.method !== 'GET') return json(res, 405, { error: { code: 'BAD_USER_INPUT', message: 'use GET' } });
      if (!requireRole(req, res, 'viewer', 'an export')) return;
      const principal = requestPrincipal(req);
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort(new HelixError('BAD_USER_INPUT', 'the client went away'));
      });
      const s = serviceContext(helix, { op: 'export', requestId });
      const options = { signal: abort.signal, mermaidMaxNodes: helix.config.HELIX_EXPORT_MERMAID_MAX_NODES };
      let prepared;
      let request: ExportRequest;
      try {
        request = exportRequestFromQuery(new URL(req.url ?? '/', 'http://helix').searchParams);
        const refusal = exportScopeRefusal(principal, request);
        if (refusal) return forbidden(req, res, refusal);
        prepared = await prepareExport(s, request, options);
      } catch (error) {
        if (!(error instanceof HelixError)) throw error;
        return json(res, STATUS[error.code] ?? 500, { error: { code: error.code, message: error.message } });
      }
      res.writeHead(200, {
        'content-type': prepared.spec.contentType,
        'content-disposition': `attachment; filename="${exportFileName(request, prepared.spec.extension)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      try {
        const summary = await writeExport(s, prepared, res, options);
        res.end();
        await recordAudit(helix.exec, { actor: principal.id, action: 'export', targets: exportTargets(request), outcome: 'ok', requestId, details: { ...summary, format: request.format, scope: request.scope } }, { requestId }).catch(
          (err: unknown) => helix.logger.error({ err, requestId }, 'audit event not recorded'),
        );
        helix.logger.debug({ requestId, ...summary }, 'export streamed');
      } catch (error) {
        if (abort.signal.aborted) helix.logger.debug({ requestId }, 'export cancelled: the client went away');
        else helix.logger.warn({ requestId, err: error }, 'export failed after its first byte');
        res.destroy();
      }
    },
  };
}
