import { requireQueries } from '../../db/registry.js';
import { badInput, HelixError } from '../../errors.js';
import { boundedInt, LIMITS, requireUrn } from '../lineage/limits.js';
import { cachedResult } from '../lineage/result-cache.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { expandBreadthFirst, provenanceNodeView } from './provenance-bfs.js';
import { PROVENANCE_LIMITS, type HopRow, type ProvenanceArgs, type ProvenanceGraph, type ProvenanceRequest } from './provenance-types.js';

const Q = requireQueries(['graph/get-nodes-by-urn', 'provenance/expand-how-made', 'provenance/expand-what-used'] as const);

const DIRECTIONS = new Set(['HOW_MADE', 'WHAT_USED']);

/** Validates and bounds provenance(...) arguments: depth is clamped to 25, limit (root included) to 5000. */
export function provenanceRequest(args: ProvenanceArgs): ProvenanceRequest {
  const direction = args.direction ?? 'HOW_MADE';
  if (!DIRECTIONS.has(direction)) throw badInput(`direction must be HOW_MADE or WHAT_USED (got ${String(direction)})`, { argument: 'direction' });
  const limit = boundedInt('limit', args.limit, PROVENANCE_LIMITS.defaultLimit, PROVENANCE_LIMITS.maxLimit);
  return {
    urn: requireUrn('urn', args.urn),
    direction,
    depth: boundedInt('depth', args.depth, PROVENANCE_LIMITS.defaultDepth, PROVENANCE_LIMITS.maxDepth),
    unboundedDepth: args.depth === undefined || args.depth === null,
    limit,
  };
}

/**
 * provenance(urn, direction, depth, limit): the distinct provenance subgraph around any node (run, dataset, file,
 * entity, capsule, column, job), crossing OpenLineage, workflow and dbt runs; cached until the graph changes.
 */
export async function getProvenance(s: ServiceContext, args: ProvenanceArgs): Promise<ProvenanceGraph> {
  const req = provenanceRequest(args);
  return cachedResult(s, 'provenance', req, () => computeProvenance(s, req));
}

export async function computeProvenance(s: ServiceContext, req: ProvenanceRequest): Promise<ProvenanceGraph> {
  const ctx = { ...s.query, timeoutMs: LIMITS.queryTimeoutMs };
  const [root] = await s.exec.read(Q['graph/get-nodes-by-urn'], { urns: [req.urn] }, ctx);
  if (!root) throw new HelixError('NOT_FOUND', `no node with urn ${req.urn}`, { urn: req.urn });
  const query = req.direction === 'HOW_MADE' ? Q['provenance/expand-how-made'] : Q['provenance/expand-what-used'];
  const hop = async (urns: string[], cap: number) => (await s.exec.read(query, { urns, cap }, ctx)).map(hopRow);
  const result = await expandBreadthFirst(
    provenanceNodeView({ ...(root.props as Record<string, unknown>), urn: req.urn, labels: root.labels as string[] }, 0),
    {
      depth: req.depth,
      limit: req.limit,
      probeBeyond: req.unboundedDepth,
      hopCap: Math.min(PROVENANCE_LIMITS.maxHopEdges, req.limit * PROVENANCE_LIMITS.edgesPerNode + 100),
      hop,
    },
  );
  return { root: req.urn, direction: req.direction, depth: req.depth, limit: req.limit, ...result };
}

function hopRow(r: Record<string, unknown>): HopRow {
  return {
    from: String(r.from),
    to: String(r.to),
    type: String(r.type),
    via: r.via === null || r.via === undefined ? null : String(r.via),
    node: r.node as HopRow['node'],
  };
}
