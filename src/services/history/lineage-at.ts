import { HelixError } from '../../errors.js';
import type { StoredNode } from '../../loaders/node-loader.js';
import { addExposures, nodeView, traversal, type OneWayLineage } from '../lineage/expand.js';
import { assertRootFitsLevel, lineageRequest, type LineageArgs } from '../lineage/lineage-service.js';
import { mergeLineage } from '../lineage/merge.js';
import type { ServiceContext } from '../lineage/service-context.js';
import type { Direction, LineageEdgeView, LineageFilter, LineageGraph, LineageRequest } from '../lineage/types.js';
import { edgesAt, nodesAt, type EdgeAt } from './graph-at.js';
import { resolveInstant } from './instants.js';

/**
 * lineage(..., asOf): the same answer as lineage(...) computed on the graph as it was. Breadth first, one round trip
 * per hop (history is read only when asked; the current lineage keeps its one-round-trip APOC traversal).
 */
export async function lineageAsOf(s: ServiceContext, args: LineageArgs & { asOf: string }): Promise<LineageGraph> {
  const req = lineageRequest(args);
  const { at } = await resolveInstant(s, args.asOf);
  const ways: Direction[] = req.direction === 'BOTH' ? ['UPSTREAM', 'DOWNSTREAM'] : [req.direction];
  const parts = await Promise.all(ways.map((way) => expandAt(s, req, way, at)));
  const found = parts.filter((p): p is OneWayLineage => p !== undefined);
  if (found.length < parts.length) throw new HelixError('NOT_FOUND', `no node with urn ${req.urn} at ${at}`, { urn: req.urn });
  assertRootFitsLevel(req, found[0]!.nodes[0]!.labels);
  return mergeLineage(req, found);
}

async function expandAt(s: ServiceContext, req: LineageRequest, way: Direction, at: string): Promise<OneWayLineage | undefined> {
  const { relType } = traversal(req.level, way);
  const along = (req.level === 'TABLE') === (way === 'DOWNSTREAM');
  const next = (e: EdgeAt, from: string) => (along ? (e.from === from ? e.to : null) : e.to === from ? e.from : null);
  const admitted = admits(req.filter);
  const root = (await nodesAt(s, [req.urn], at)).get(req.urn);
  if (!root) return undefined;
  const found: Array<{ node: StoredNode; level: number }> = [{ node: root, level: 0 }];
  const seen = new Set([req.urn]);
  let frontier = [req.urn];
  // Breadth first, each node once at its shortest distance, stopping after limit + 1 nodes (as the APOC BFS does).
  for (let level = 1; level <= req.depth && frontier.length > 0 && found.length <= req.limit; level++) {
    const reached = await reachable(s, frontier, relType, at, next, admitted, seen);
    frontier = [];
    for (const n of reached) {
      if (found.length > req.limit) break;
      seen.add(n.urn);
      found.push({ node: n, level });
      frontier.push(n.urn);
    }
  }
  const kept = found.slice(0, req.limit);
  const limitHit = found.length > req.limit;
  const members = new Set(kept.map((k) => k.node.urn));
  const edges: LineageEdgeView[] = [];
  for (const e of await edgesAt(s, [...members], [relType], at)) {
    if (members.has(e.from) && members.has(e.to)) edges.push({ from: e.from, to: e.to, type: e.type, transformation: e.transformation });
  }
  // Kept nodes whose further lineage was cut: by the node limit, or by the maximum depth of an unbounded request.
  const probing = kept.filter((k) => (limitHit && k.level < req.depth) || (req.unboundedDepth && k.level === req.depth)).map((k) => k.node.urn);
  const frontierUrns = await withFurther(s, probing, relType, at, next, admitted, members);
  const nodes = kept.map((k) => nodeView({ urn: k.node.urn, labels: k.node.labels, ...k.node.props, level: k.level }, k.level === 0 ? null : way));
  const unique = uniqueEdges(edges);
  if (req.level === 'COLUMN' && way === 'DOWNSTREAM') await exposuresAt(s, kept.map((k) => k.node), nodes, unique, at);
  return { way, level: req.level, nodes, edges: unique, limitHit, frontier: frontierUrns };
}

/** The nodes one hop from `frontier` that existed at `at`, pass the filter and are not in `seen`, in urn order. */
async function reachable(
  s: ServiceContext,
  frontier: string[],
  relType: string,
  at: string,
  next: (e: EdgeAt, from: string) => string | null,
  admitted: (labels: string[]) => boolean,
  seen: ReadonlySet<string>,
): Promise<StoredNode[]> {
  const inFrontier = new Set(frontier);
  const candidates = new Set<string>();
  for (const e of await edgesAt(s, frontier, [relType], at)) {
    for (const f of [e.from, e.to]) {
      if (!inFrontier.has(f)) continue;
      const n = next(e, f);
      if (n !== null && !seen.has(n)) candidates.add(n);
    }
  }
  const nodes = await nodesAt(s, [...candidates], at);
  return [...nodes.values()].filter((n) => admitted(n.labels)).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

/** Which of `urns` have a neighbour (at `at`, passing the filter) outside `members`. */
async function withFurther(
  s: ServiceContext,
  urns: string[],
  relType: string,
  at: string,
  next: (e: EdgeAt, from: string) => string | null,
  admitted: (labels: string[]) => boolean,
  members: ReadonlySet<string>,
): Promise<string[]> {
  if (urns.length === 0) return [];
  const asked = new Set(urns);
  const beyond = new Map<string, string[]>();
  for (const e of await edgesAt(s, urns, [relType], at)) {
    for (const f of [e.from, e.to]) {
      const n = asked.has(f) ? next(e, f) : null;
      if (n !== null && !members.has(n)) beyond.set(n, [...(beyond.get(n) ?? []), f]);
    }
  }
  const alive = await nodesAt(s, [...beyond.keys()], at);
  const out = new Set<string>();
  for (const [n, sources] of beyond) if (alive.has(n) && admitted(alive.get(n)!.labels)) for (const f of sources) out.add(f);
  return [...out].sort();
}

function admits(filter: LineageFilter): (labels: string[]) => boolean {
  const only = filter.types ?? [];
  const without = filter.excludeTypes ?? [];
  return (labels) => !labels.some((l) => without.includes(l)) && (only.length === 0 || labels.some((l) => only.includes(l)));
}

function uniqueEdges(edges: LineageEdgeView[]): LineageEdgeView[] {
  const byKey = new Map(edges.map((e) => [`${e.from}\u0000${e.type}\u0000${e.to}`, e]));
  return [...byKey.values()];
}

/** Column lineage through to exposures, at `at`: exposures fed by the capsules of the reached columns. */
async function exposuresAt(s: ServiceContext, columns: StoredNode[], nodes: ReturnType<typeof nodeView>[], edges: LineageEdgeView[], at: string): Promise<void> {
  const capsuleOf = new Map<string, string[]>();
  for (const c of columns) {
    const k = typeof c.props.capsuleUrn === 'string' ? c.props.capsuleUrn : null;
    if (k) capsuleOf.set(k, [...(capsuleOf.get(k) ?? []), c.urn]);
  }
  const flows = (await edgesAt(s, [...capsuleOf.keys()], ['FLOWS_TO'], at)).filter((e) => capsuleOf.has(e.from));
  const targets = await nodesAt(s, [...new Set(flows.map((e) => e.to))], at);
  const exposures = [...targets.values()].filter((n) => n.labels.includes('Exposure'));
  const isExposure = new Set(exposures.map((e) => e.urn));
  const links = flows.filter((e) => isExposure.has(e.to)).flatMap((e) => capsuleOf.get(e.from)!.map((c) => ({ from: c, to: e.to, via: e.from })));
  addExposures(
    nodes,
    edges,
    exposures.map((e) => ({ urn: e.urn, labels: e.labels, ...e.props })),
    links,
  );
}
