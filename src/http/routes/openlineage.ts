import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HelixContext } from '../../app/context.js';
import { HelixError } from '../../errors.js';
import { OpenLineageBatcher } from '../../services/openlineage/event-batcher.js';
import { BodyTooLargeError, readBody } from '../read-body.js';
import { json, type ExtraRoute } from '../server.js';
import { recordAudit } from '../../auth/audit.js';
import { eventsOutsideScope, openLineageTargets } from '../../auth/openlineage-scope.js';
import { requestPrincipal } from '../../auth/request-principal.js';
import { forbidden, requireRole } from '../guards.js';

/**
 * `POST /api/v1/lineage`, the endpoint Marquez serves: existing Airflow, Spark, dbt-ol and Flink integrations
 * can point at Helix unchanged. One event per request (a JSON array of events is accepted too); 201 when stored,
 * 400 with the reasons when an event lacks what OpenLineage requires, 503 (Retry-After) while Neo4j is away.
 * Concurrent requests are written together (OpenLineageBatcher): hundreds of single-event POSTs per second.
 */
export function openLineageRoute(helix: HelixContext): ExtraRoute {
  const batcher = new OpenLineageBatcher(helix.exec);
  return {
    prefix: '/api/v1/lineage',
    // Not an expensive operation: integrations (Airflow, Spark) post one small event per request, a START and a
    // COMPLETE per task, and do not retry a refusal, so a low budget would lose lineage. The request budget and the
    // 10 MB body cap bound what a caller can send.
    handler: async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
      if (req.method !== 'POST') return json(res, 405, { code: 405, message: 'use POST with an OpenLineage event' });
      if (!requireRole(req, res, 'editor', 'POST /api/v1/lineage (an ingestion)')) return;
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (error) {
        if (error instanceof BodyTooLargeError) return json(res, 413, { code: 413, message: `${error.message}: send fewer events per request` });
        const message = error instanceof HelixError ? error.message : `body is not JSON: ${(error as Error).message}`;
        return json(res, 400, { code: 400, message });
      }
      const events = Array.isArray(body) ? body : [body];
      if (events.length === 0) return json(res, 400, { code: 400, message: 'no event in the request body' });
      const principal = requestPrincipal(req);
      const outside = eventsOutsideScope(principal, events);
      if (outside.length > 0) {
        const names = [...new Set(outside.map((o) => o.namespace ?? '(none)'))].join(', ');
        return forbidden(req, res, `this key may write only namespaces ${principal.namespaces?.join(', ')}; events ${outside.map((o) => o.index).join(', ')} are in ${names}`);
      }
      const audit = (outcome: string, accepted: number) =>
        recordAudit(helix.exec, { actor: principal.id, action: 'openlineage', targets: openLineageTargets(events), outcome, requestId, details: { events: events.length, accepted } }, { requestId }).catch(
          (err: unknown) => helix.logger.error({ err, requestId }, 'audit event not recorded'),
        );
      let result;
      try {
        result = await batcher.submit(events.map((event) => ({ event })));
      } catch (error) {
        await audit(`error: ${error instanceof HelixError ? error.code : 'INTERNAL'}`, 0);
        throw error;
      }
      await audit(result.accepted > 0 ? 'ok' : 'error: BAD_USER_INPUT', result.accepted);
      if (result.rejected.length > 0 && result.accepted === 0) {
        const errors = result.rejected.flatMap((r) => r.errors);
        return json(res, 400, { code: 400, message: errors.join('; '), errors });
      }
      helix.logger.debug({ requestId, accepted: result.accepted, batchedWith: result.batchedWith, nodes: result.report.nodes }, 'openlineage events stored');
      return json(res, 201, {
        accepted: result.accepted,
        rejected: result.rejected,
        warnings: result.warnings.flatMap((w) => w.warnings),
      });
    },
  };
}
