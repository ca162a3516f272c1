import { requireQueries } from '../../db/registry.js';
import { HelixError } from '../../errors.js';
import { expandOneWay } from './expand.js';
import { boundedInt, LIMITS, requireUrn } from './limits.js';
import { assertRootFitsLevel } from './lineage-service.js';
import { cachedResult } from './result-cache.js';
import { visibleReach } from './visible-reach.js';
import type { ServiceContext } from './service-context.js';
import type { LineageLevel, LineageNodeView } from './types.js';

const Q = requireQueries(['lineage/summarize-impact'] as const);

export interface ImpactArgs {
  urn: string;
  level?: LineageLevel | null;
  depth?: number | null;
}

export interface ImpactCount {
  key: string;
  name: string | null;
  count: number;
}

export interface ImpactReport {
  root: string;
  level: LineageLevel;
  depth: number;
  /** Affected nodes (the root excluded). */
  total: number;
  /** More than impactNodeCap nodes, or lineage deeper than the maximum depth, were cut. */
  truncated: boolean;
  byType: ImpactCount[];
  byNamespace: ImpactCount[];
  byDomain: ImpactCount[];
  byDataProduct: ImpactCount[];
  /** Affected nodes per owner of their capsule (a column's capsule, or the capsule itself). */
  owners: ImpactCount[];
  exposures: LineageNodeView[];
  /** Distinct tests on the affected nodes. */
  testsAffected: number;
  /** Every affected node by distance, then urn (paged by the API). */
  nodes: LineageNodeView[];
}

/**
 * Who asks, when limited to some namespaces: `key` names what it may see (cached answers are keyed by it, so one
 * scope never receives another's) and `sees` tells a node it may see.
 */
export interface ImpactScope {
  key: string;
  sees: (n: LineageNodeView) => boolean;
}

/**
 * impact(...): everything downstream of a capsule or column, summarised; cached by graph version. With a `scope`,
 * impact stops at the first node the caller may not see (`truncated`), and that node and what lies behind it are
 * neither listed nor counted.
 */
export async function getImpact(s: ServiceContext, args: ImpactArgs, scope?: ImpactScope): Promise<ImpactReport> {
  const req = {
    urn: requireUrn('urn', args.urn),
    level: args.level ?? 'TABLE',
    depth: boundedInt('depth', args.depth, LIMITS.maxDepth, LIMITS.maxDepth),
    unboundedDepth: args.depth === undefined || args.depth === null,
  };
  return cachedResult(s, 'impact', scope ? { ...req, scope: scope.key } : req, async () => {
    const down = await expandOneWay(s, {
      urn: req.urn,
      way: 'DOWNSTREAM',
      level: req.level,
      depth: req.depth,
      limit: LIMITS.impactNodeCap + 1,
      filter: {},
      probeBeyond: req.unboundedDepth,
    });
    const reached = down && scope ? visibleReach(down.nodes, down.edges, scope.sees) : down?.nodes;
    if (!down || !reached) throw new HelixError('NOT_FOUND', `no node with urn ${req.urn}`, { urn: req.urn });
    assertRootFitsLevel(req, reached[0]!.labels);
    const cut = reached.length < down.nodes.length;
    const affected = reached.slice(1).slice(0, LIMITS.impactNodeCap);
    affected.sort((a, b) => a.distance - b.distance || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    const facts = await s.exec.read(Q['lineage/summarize-impact'], { urns: affected.map((n) => n.urn) }, { ...s.query, timeoutMs: LIMITS.queryTimeoutMs });
    return summarize(req, affected, facts as unknown as NodeFacts[], cut || down.limitHit || down.frontier.length > 0 || reached.length - 1 > affected.length);
  });
}

interface Named {
  urn: string;
  name: string | null;
}

interface NodeFacts {
  urn: string;
  namespace: string | null;
  tests: string[];
  domains: Named[];
  dataProducts: Named[];
  owners: Named[];
}

export function summarize(
  req: { urn: string; level: LineageLevel; depth: number },
  affected: LineageNodeView[],
  facts: NodeFacts[],
  truncated: boolean,
): ImpactReport {
  const byType = new Counter();
  for (const n of affected) byType.add(specificType(n.labels));
  const byNamespace = new Counter();
  const byDomain = new Counter();
  const byDataProduct = new Counter();
  const owners = new Counter();
  const tests = new Set<string>();
  for (const f of facts) {
    if (f.namespace) byNamespace.add(f.namespace);
    for (const t of f.tests) tests.add(t);
    for (const d of f.domains) byDomain.add(d.urn, d.name);
    for (const p of f.dataProducts) byDataProduct.add(p.urn, p.name);
    for (const o of f.owners) owners.add(o.urn, o.name);
  }
  return {
    root: req.urn,
    level: req.level,
    depth: req.depth,
    total: affected.length,
    truncated,
    byType: byType.list(),
    byNamespace: byNamespace.list(),
    byDomain: byDomain.list(),
    byDataProduct: byDataProduct.list(),
    owners: owners.list(),
    exposures: affected.filter((n) => n.labels.includes('Exposure')),
    testsAffected: tests.size,
    nodes: affected,
  };
}

/** The node's most specific label, as Node.type reports it (Node, Capsule, Run and Entity only classify). */
export function specificType(labels: string[]): string {
  const specific = labels.filter((l) => !['Node', 'Capsule', 'Run', 'Entity'].includes(l)).sort();
  return specific[0] ?? (labels.includes('Run') ? 'Run' : labels.includes('Capsule') ? 'Capsule' : 'Node');
}

class Counter {
  private readonly counts = new Map<string, ImpactCount>();

  add(key: string, name: string | null = key): void {
    const c = this.counts.get(key);
    if (c) c.count += 1;
    else this.counts.set(key, { key, name, count: 1 });
  }

  /** Largest first, then by key. */
  list(): ImpactCount[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
