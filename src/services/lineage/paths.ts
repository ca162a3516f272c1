import { requireQueries } from '../../db/registry.js';
import { badInput, HelixError } from '../../errors.js';
import { edgeView, nodeView } from './expand.js';
import { boundedInt, LIMITS, requireUrn } from './limits.js';
import { assertRootFitsLevel } from './lineage-service.js';
import { cachedResult } from './result-cache.js';
import type { ServiceContext } from './service-context.js';
import type { Direction, LineageEdgeView, LineageLevel, LineageNodeView } from './types.js';

const Q = requireQueries(['lineage/find-table-paths', 'lineage/find-column-paths', 'graph/get-nodes-by-urn'] as const);

export interface PathArgs {
  from: string;
  to: string;
  maxHops?: number | null;
  k?: number | null;
  level?: LineageLevel | null;
}

export interface LineagePathView {
  /** DOWNSTREAM: data flows from `from` to `to`; UPSTREAM: `to` feeds `from`. */
  direction: Direction;
  length: number;
  /** From `from` to `to`; `distance` is the position on the path. */
  nodes: LineageNodeView[];
  edges: LineageEdgeView[];
}

export function pathRequest(args: PathArgs) {
  const from = requireUrn('from', args.from);
  const to = requireUrn('to', args.to);
  if (from === to) throw badInput('from and to are the same node: a lineage path needs two nodes', { argument: 'to' });
  return {
    from,
    to,
    level: args.level ?? 'TABLE',
    maxHops: boundedInt('maxHops', args.maxHops, LIMITS.defaultPathHops, LIMITS.maxPathHops),
    k: boundedInt('k', args.k, 1, LIMITS.maxPaths),
  };
}

/** lineagePath(...): the k shortest lineage paths between two nodes, whichever way the data flows. */
export async function findLineagePaths(s: ServiceContext, args: PathArgs): Promise<LineagePathView[]> {
  const req = pathRequest(args);
  return cachedResult(s, 'paths', req, async () => {
    const query = req.level === 'TABLE' ? Q['lineage/find-table-paths'] : Q['lineage/find-column-paths'];
    const rows = await s.exec.read(query, req, { ...s.query, timeoutMs: LIMITS.queryTimeoutMs });
    if (rows.length === 0) await explainEmpty(s, req);
    return rows.map((row) => orient(req.from, row.direction as Direction, row.nodes as RawPathNode[], row.edges as RawEdge[]));
  });
}

type RawPathNode = Parameters<typeof nodeView>[0];
type RawEdge = Parameters<typeof edgeView>[0];

function orient(from: string, direction: Direction, rawNodes: RawPathNode[], rawEdges: RawEdge[]): LineagePathView {
  const ordered = rawNodes[0]?.urn === from ? rawNodes : [...rawNodes].reverse();
  const edges = rawNodes[0]?.urn === from ? rawEdges : [...rawEdges].reverse();
  return {
    direction,
    length: edges.length,
    nodes: ordered.map((n, i) => nodeView(n, i === 0 ? null : direction, i)),
    edges: edges.map(edgeView),
  };
}

/** No path: fine when both nodes exist and fit the level; otherwise say what is wrong. */
async function explainEmpty(s: ServiceContext, req: { from: string; to: string; level: LineageLevel }): Promise<void> {
  const rows = await s.exec.read(Q['graph/get-nodes-by-urn'], { urns: [req.from, req.to] }, s.query);
  for (const urn of [req.from, req.to]) {
    const row = rows.find((r) => r.urn === urn);
    if (!row) throw new HelixError('NOT_FOUND', `no node with urn ${urn}`, { urn });
    assertRootFitsLevel({ urn, level: req.level }, row.labels as string[]);
  }
}
