import type { GraphEdge, GraphNode, MappedGraph } from '../ingest/core/graph.js';

/**
 * A synthetic graph shaped like real dbt projects, for lineage tests and benchmarks. The shape was measured on the
 * 29 manifests in the corpus (fixtures/dbt, parent_map/child_map of 1,401 capsules): fan-in of non-root capsules
 * 1 (52%), 2 (20%), 3 (8%), 4-5 (10%), 6-9 (3%), up to 21; fan-out heavy-tailed (p95 4, max 68, so parents are
 * picked preferentially); longest chains 2-10 hops; ~15% sources, ~5% seeds, a few exposures and metrics per
 * project. Column lineage follows the table lineage: each model column derives from one or two parent columns.
 */
export interface SyntheticOptions {
  capsules: number;
  seed?: number;
  /** Columns per relation capsule (sources, seeds, models); default 4. */
  columnsPerCapsule?: number;
  /** Mean capsules per project (namespace); default 120. */
  projectSize?: number;
  /** Share of a project's sources that are models of an earlier project (cross-project lineage); default 0.05. */
  crossProjectShare?: number;
  /** Test nodes per relation capsule; default 1. */
  testsPerCapsule?: number;
}

export interface SyntheticGraph extends MappedGraph {
  /** Capsule urns by namespace, in creation order. */
  projects: Map<string, string[]>;
  flows: Array<[string, string]>;
  derived: Array<[string, string]>;
}

const FAN_IN = [
  [1, 496],
  [2, 186],
  [3, 80],
  [4, 37],
  [5, 61],
  [6, 10],
  [7, 7],
  [8, 7],
  [9, 1],
  [12, 8],
] as const;
const TAGS = ['pii', 'finance', 'daily', 'hourly', 'core', 'marketing', 'deprecated', 'certified'];
const DOMAINS = ['sales', 'finance', 'marketing', 'operations', 'product'];
const OWNERS = Array.from({ length: 40 }, (_, i) => `team${i}@example.com`);
const TRANSFORMS = ['identity', 'identity', 'identity', 'expression', 'aggregation'] as const;

export function dbtShapedGraph(o: SyntheticOptions): SyntheticGraph {
  const rnd = mulberry32(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const g: SyntheticGraph = { nodes: [], edges: [], issues: [], projects: new Map(), flows: [], derived: [] };
  const columnCount = o.columnsPerCapsule ?? 4;
  const columnsOf = new Map<string, string[]>();
  const addNode = (n: GraphNode) => g.nodes.push(n);
  const addEdge = (e: GraphEdge) => g.edges.push(e);
  const shared = new Set<string>();
  const sharedNode = (urn: string, label: string, name: string) => {
    if (shared.has(urn)) return;
    shared.add(urn);
    addNode({ urn, labels: [label], props: { name } });
  };
  const allModels: string[] = [];
  let made = 0;
  let p = 0;
  while (made < o.capsules) {
    const ns = `proj${p++}`;
    const size = Math.min(o.capsules - made, Math.max(8, Math.round((o.projectSize ?? 120) * (0.3 + 1.4 * rnd()))));
    const urns: string[] = [];
    g.projects.set(ns, urns);
    const outDegree = new Map<string, number>();
    const levels: string[][] = [];
    const capsule = (kind: string, layer: string, level: number, name: string) => {
      const type = kind[0]!.toUpperCase() + kind.slice(1);
      const uniqueId = kind === 'source' ? `source.${ns}.raw.${name}` : `${kind}.${ns}.${name}`;
      const urn = `urn:dbt:${ns}:${uniqueId}`;
      const relation = ['source', 'seed', 'model', 'snapshot'].includes(kind);
      addNode({
        urn,
        labels: ['Capsule', type],
        props: {
          name,
          uniqueId,
          resourceType: kind,
          namespace: ns,
          packageName: ns,
          layer,
          description: `${name} of ${ns} (${layer})`,
          database: 'analytics',
          schema: layer,
          physicalName: relation ? `analytics.${layer}.${name}` : undefined,
          materialization: kind === 'model' ? (layer === 'staging' ? 'view' : 'table') : undefined,
          tags: rnd() < 0.3 ? [pick(TAGS)] : [],
        },
      });
      urns.push(urn);
      (levels[level] ??= []).push(urn);
      if (relation) addColumns(urn, name);
      if (rnd() < 0.3) {
        const tag = pick(TAGS);
        sharedNode(`urn:tag:${tag}`, 'Tag', tag);
        addEdge({ type: 'TAGGED_WITH', from: urn, to: `urn:tag:${tag}` });
      }
      if (rnd() < 0.5) {
        const owner = pick(OWNERS);
        sharedNode(`urn:owner:${owner}`, 'Owner', owner);
        addEdge({ type: 'OWNED_BY', from: urn, to: `urn:owner:${owner}` });
      }
      if (rnd() < 0.4) {
        const domain = pick(DOMAINS);
        sharedNode(`urn:domain:${domain}`, 'Domain', domain);
        addEdge({ type: 'IN_DOMAIN', from: urn, to: `urn:domain:${domain}` });
      }
      made++;
      return urn;
    };
    const addColumns = (urn: string, capsuleName: string) => {
      const names = Array.from({ length: columnCount }, (_, i) => (i === 0 ? 'id' : `c${i}`));
      columnsOf.set(urn, names.map((c) => `${urn}#${c}`));
      names.forEach((c, index) => {
        const col = `${urn}#${c}`;
        addNode({ urn: col, labels: ['Column'], props: { name: c, capsuleUrn: urn, index, dataType: index === 0 ? 'integer' : 'text' } });
        addEdge({ type: 'HAS_COLUMN', from: urn, to: col });
      });
      for (let t = 0; t < (o.testsPerCapsule ?? 1); t++) {
        const testName = `not_null_${capsuleName}_id_${t}`;
        const test = `urn:dbt:${ns}:test.${ns}.${testName}`;
        addNode({ urn: test, labels: ['Test'], props: { name: testName, testType: 'generic', testName: 'not_null', columnName: 'id' } });
        addEdge({ type: 'TESTS', from: test, to: urn });
        addEdge({ type: 'TESTS', from: test, to: `${urn}#id` });
      }
    };
    const flow = (up: string, down: string) => {
      addEdge({ type: 'FLOWS_TO', from: up, to: down });
      g.flows.push([up, down]);
      outDegree.set(up, (outDegree.get(up) ?? 0) + 1);
      const downCols = columnsOf.get(down);
      const upCols = columnsOf.get(up);
      if (!downCols || !upCols) return;
      for (const [i, col] of downCols.entries()) {
        if (rnd() < 0.35) continue;
        const from = upCols[i] ?? pick(upCols);
        addEdge({ type: 'DERIVED_FROM', from: col, to: from, props: { transformation: pick(TRANSFORMS) } });
        g.derived.push([col, from]);
      }
    };
    const preferential = (candidates: string[]): string => {
      let total = 0;
      for (const c of candidates) total += 1 + (outDegree.get(c) ?? 0);
      let r = rnd() * total;
      for (const c of candidates) if ((r -= 1 + (outDegree.get(c) ?? 0)) <= 0) return c;
      return candidates[candidates.length - 1]!;
    };
    const fanIn = () => {
      let r = rnd() * FAN_IN.reduce((s, [, w]) => s + w, 0);
      for (const [k, w] of FAN_IN) if ((r -= w) <= 0) return k;
      return 1;
    };

    const nSources = Math.max(2, Math.round(size * 0.15));
    for (let i = 0; i < nSources; i++) {
      const src = capsule('source', 'raw', 0, `src_${i}`);
      if (allModels.length > 0 && rnd() < (o.crossProjectShare ?? 0.05)) flow(pick(allModels), src);
    }
    for (let i = 0; i < Math.round(size * 0.05); i++) capsule('seed', 'raw', 0, `seed_${i}`);
    const depth = 2 + Math.floor(rnd() * 8);
    const rest = size - urns.length - 2;
    for (let i = 0; i < rest && made < o.capsules; i++) {
      const level = 1 + Math.min(depth - 1, Math.floor((i / Math.max(1, rest)) * depth));
      const layer = level === 1 ? 'staging' : level < depth ? 'intermediate' : 'marts';
      const m = capsule('model', layer, level, `${layer === 'staging' ? 'stg' : layer === 'marts' ? 'fct' : 'int'}_${i}`);
      const below = levels.slice(0, level).flat().filter((u) => u !== m);
      const parents = new Set<string>();
      const previous = levels[level - 1] ?? below;
      if (previous.length > 0) parents.add(preferential(previous));
      const k = level === 1 ? 1 : fanIn();
      for (let t = 0; parents.size < Math.min(k, below.length) && t < 4 * k; t++) parents.add(preferential(below));
      for (const up of [...parents].sort()) flow(up, m);
    }
    allModels.push(...(levels.slice(1).flat()));
    const marts = levels.slice(Math.max(1, depth - 1)).flat();
    for (const kind of ['exposure', 'metric'] as const) {
      if (made >= o.capsules || marts.length === 0) continue;
      const c = capsule(kind, kind, depth + 1, `${kind}_0`);
      for (const up of new Set([preferential(marts), preferential(marts)])) flow(up, c);
    }
  }
  return g;
}

/** Small, fast, seedable PRNG (deterministic graphs across runs). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
