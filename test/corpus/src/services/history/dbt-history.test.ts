import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { corpusPath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { graphqlClient, strictClient } from '../../../../support/graphql-client.js';
import { builtinRules } from '../../../../../src/services/conformance/builtin-rules.js';
import { evaluateConformance } from '../../../../../src/services/conformance/evaluate.js';
import { exportText } from '../../../../integration/src/services/export/helpers.js';
import { addDependency, editedCopy, removeNode } from './edit-manifest.js';

/**
 * Lineage over time on a real project: jaffle_shop (dbt 1.10), then a copy edited the way a deploy changes a project
 * (a model removed, one added, a dependency added, a description changed, an expression that reads one more column).
 * The diff is checked against two fresh ingestions of the two versions (independently of the history), the graph as
 * of the first ingestion against the answers given right after it, and the current graph against a fresh ingestion
 * of the second version.
 */
const NS = 'jaffle_shop';
const urn = (id: string) => `urn:dbt:${NS}:${id}`;
const REMOVED = 'model.jaffle_shop.metricflow_time_spine';
const ADDED = 'model.jaffle_shop.customer_summary';
const DESCRIBED = 'model.jaffle_shop.customers';
const first = corpusPath('dbt', 'jaffle-shop-v12-dbt1.10.13');
let second: string;

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;

beforeAll(async () => {
  helix = await openTestHelix({ HELIX_CACHE: 'off' });
  gql = strictClient(helix);
  second = editedCopy(first, (m) => {
    removeNode(m, REMOVED);
    const base = m.nodes['model.jaffle_shop.stg_customers'];
    m.nodes[ADDED] = {
      ...base,
      name: 'customer_summary',
      unique_id: ADDED,
      alias: 'customer_summary',
      fqn: ['jaffle_shop', 'marts', 'customer_summary'],
      path: 'marts/customer_summary.sql',
      original_file_path: 'models/marts/customer_summary.sql',
      relation_name: '"jaffle_shop"."main"."customer_summary"',
      description: 'One row per customer, with the name only.',
      columns: {},
      depends_on: { macros: [], nodes: ['model.jaffle_shop.stg_customers'] },
      raw_code: "select customer_id, customer_name from {{ ref('stg_customers') }}",
      compiled_code: 'select customer_id, customer_name from "jaffle_shop"."main"."stg_customers"',
    };
    m.parent_map[ADDED] = ['model.jaffle_shop.stg_customers'];
    m.child_map[ADDED] = [];
    m.child_map['model.jaffle_shop.stg_customers'].push(ADDED);
    addDependency(m, 'model.jaffle_shop.locations', 'model.jaffle_shop.stg_orders');
    m.nodes[DESCRIBED].description = 'Customer overview: one row per customer, changed in the second deploy.';
    const loc = m.nodes['model.jaffle_shop.stg_locations'];
    loc.compiled_code = loc.compiled_code.replace('name as location_name', "name || ' ' || tax_rate as location_name");
  });
});
afterAll(async () => helix?.close());

// The questions whose answers are compared: table and column lineage, whole and truncated, one root that the second
// version removes. Column roots are found in the graph (their urns are the mapper's).
const LINEAGE = `query($urn: ID!, $level: LineageLevel, $direction: LineageDirection, $depth: Int, $limit: Int, $asOf: String) {
  lineage(urn: $urn, level: $level, direction: $direction, depth: $depth, limit: $limit, asOf: $asOf) {
    root direction level depth limit truncated truncatedFrontier
    nodes { urn type name namespace layer resourceType capsuleUrn distance direction }
    edges { from to type transformation via }
  }
}`;
const QUESTIONS: Array<Record<string, unknown>> = [
  { urn: urn('model.jaffle_shop.orders') },
  { urn: urn('model.jaffle_shop.locations'), direction: 'UPSTREAM' },
  { urn: urn('model.jaffle_shop.orders'), depth: 1, limit: 3, cut: true },
  { urn: urn('model.jaffle_shop.stg_orders'), direction: 'DOWNSTREAM', limit: 4, cut: true },
  { urn: urn(REMOVED) },
  { urn: `${urn('model.jaffle_shop.stg_locations')}#location_name`, level: 'COLUMN' },
  { urn: `${urn('model.jaffle_shop.stg_customers')}#customer_id`, level: 'COLUMN', direction: 'DOWNSTREAM' },
  { urn: `${urn('model.jaffle_shop.orders')}#order_total`, level: 'COLUMN' },
];
const CAPSULE = `query($urn: ID!, $asOf: String) {
  capsule(urn: $urn, asOf: $asOf) { urn type name description materialization tagNames columns { urn name description dataType }
    tags { urn name } owners { urn } tests { urn name } upstream { urn name } downstream(first: 50) { urn } }
}`;

/**
 * When the node limit cuts among nodes at the same distance, which of them are kept is not defined (nearest first is
 * the contract): the current lineage keeps them in Neo4j's storage order, the lineage as of a past instant in urn
 * order. A cut answer is compared on what is defined: its size, its distances, that it is truncated.
 */
function cutShape(l: { root: string; truncated: boolean; nodes: Array<{ distance: number; direction: string | null }> }) {
  return { root: l.root, truncated: l.truncated, distances: l.nodes.map((n) => `${n.direction}:${n.distance}`).sort() };
}

interface State {
  nodes: Map<string, { type: string; hash: string; props: Record<string, unknown> }>;
  edges: Set<string>;
}

/** The lineage part of the live graph (capsules, columns, FLOWS_TO, DERIVED_FROM of the namespace), read directly. */
async function liveState(): Promise<State> {
  const nodes = await helix.exec.runText(
    `MATCH (n:Node {ingestScope: $scope}) WHERE n:Capsule OR n:Column RETURN n.urn AS urn, labels(n) AS labels, n.contentHash AS hash, properties(n) AS props`,
    { scope: `dbt:${NS}` },
    'READ',
  );
  const edges = await helix.exec.runText(
    `MATCH (a:Node {ingestScope: $scope})-[r:FLOWS_TO|DERIVED_FROM]->(b:Node) WHERE r.ingestScope = $scope RETURN a.urn AS from, type(r) AS type, b.urn AS to`,
    { scope: `dbt:${NS}` },
    'READ',
  );
  const { nodeType } = await import('../../../../../src/services/node-type.js');
  return {
    nodes: new Map(nodes.map((n) => [String(n.urn), { type: nodeType(n.labels as string[]), hash: String(n.hash), props: n.props as Record<string, unknown> }])),
    edges: new Set(edges.map((e) => `${e.from}|${e.type}|${e.to}`)),
  };
}

const BOOKKEEPING = new Set(['urn', 'contentHash', 'ingestScope', 'firstSeenAt', 'writtenAt', 'reference']);

/** The diff two states imply: what lineageDiff must answer. */
function expectedDiff(a: State, b: State) {
  const edge = (k: string) => {
    const [from, type, to] = k.split('|') as [string, string, string];
    return { from, to, type };
  };
  const fields = (x: Record<string, unknown>, y: Record<string, unknown>) =>
    [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => !BOOKKEEPING.has(k) && JSON.stringify(x[k]) !== JSON.stringify(y[k])).sort();
  const byUrn = (p: { urn: string }, q: { urn: string }) => (p.urn < q.urn ? -1 : 1);
  const byEdge = (p: { from: string; to: string; type: string }, q: typeof p) => `${p.from}\u0000${p.to}\u0000${p.type}` < `${q.from}\u0000${q.to}\u0000${q.type}` ? -1 : 1;
  return {
    addedNodes: [...b.nodes].filter(([u]) => !a.nodes.has(u)).map(([u, n]) => ({ urn: u, type: n.type })).sort(byUrn),
    removedNodes: [...a.nodes].filter(([u]) => !b.nodes.has(u)).map(([u, n]) => ({ urn: u, type: n.type })).sort(byUrn),
    changedNodes: [...b.nodes]
      .filter(([u, n]) => a.nodes.has(u) && a.nodes.get(u)!.hash !== n.hash)
      .map(([u, n]) => ({ urn: u, type: n.type, changedFields: fields(a.nodes.get(u)!.props, n.props) }))
      .sort(byUrn),
    addedEdges: [...b.edges].filter((k) => !a.edges.has(k)).map(edge).sort(byEdge),
    removedEdges: [...a.edges].filter((k) => !b.edges.has(k)).map(edge).sort(byEdge),
  };
}

const DIFF = `query($from: ID!, $to: ID!) {
  lineageDiff(namespace: "${NS}", from: $from, to: $to) {
    namespace fromIngestion toIngestion fromAt toAt
    addedNodes { urn type } removedNodes { urn type } changedNodes { urn type changedFields }
    addedEdges { from to type } removedEdges { from to type }
  }
}`;

async function answers(asOf?: string) {
  const gqlAny = graphqlClient(helix);
  const out: unknown[] = [];
  for (const { cut, ...q } of QUESTIONS) {
    const r = await gqlAny(LINEAGE, { ...q, asOf });
    out.push(r.errors ? { error: r.errors[0]?.extensions?.code } : cut ? cutShape(r.data.lineage) : r.data);
  }
  for (const id of [DESCRIBED, REMOVED, 'model.jaffle_shop.stg_locations', 'model.jaffle_shop.stg_customers']) out.push(await gql(CAPSULE, { urn: urn(id), asOf }));
  return out;
}

describe('lineage over time on jaffle_shop (dbt 1.10)', () => {
  let fresh1: State;
  let fresh2: State;
  let freshAnswers2: unknown[];
  let firstAnswers: unknown[];
  let id1: string;
  let id2: string;

  beforeAll(async () => {
    // Fresh ingestions of each version: the expected states, and the current answers the second must give.
    await resetGraph(helix);
    await runDbtIngest(helix.exec, second, {});
    fresh2 = await liveState();
    freshAnswers2 = await answers();
    await resetGraph(helix);
    id1 = (await runDbtIngest(helix.exec, first, {})).id;
    fresh1 = await liveState();
    firstAnswers = await answers();
    id2 = (await runDbtIngest(helix.exec, second, {})).id;
  });

  it('the edits are what the test says they are', () => {
    const d = expectedDiff(fresh1, fresh2);
    expect(d.removedNodes).toContainEqual({ urn: urn(REMOVED), type: 'Model' });
    expect(d.addedNodes).toContainEqual({ urn: urn(ADDED), type: 'Model' });
    expect(d.changedNodes).toContainEqual({ urn: urn(DESCRIBED), type: 'Model', changedFields: ['description'] });
    expect(d.addedEdges).toContainEqual({ from: urn('model.jaffle_shop.stg_orders'), to: urn('model.jaffle_shop.locations'), type: 'FLOWS_TO' });
    expect(d.addedEdges).toContainEqual({ from: urn('model.jaffle_shop.stg_customers'), to: urn(ADDED), type: 'FLOWS_TO' });
    expect(d.addedEdges.filter((e) => e.type === 'DERIVED_FROM' && e.from === `${urn('model.jaffle_shop.stg_locations')}#location_name`)).toHaveLength(1);
  });

  it('lineageDiff(previous, latest) lists exactly what changed between the two ingestions', async () => {
    const { lineageDiff: d } = await gql(DIFF, { from: 'previous', to: 'latest' });
    expect(d.fromIngestion).toBe(id1);
    expect(d.toIngestion).toBe(id2);
    const { namespace: _n, fromIngestion: _f, toIngestion: _t, fromAt: _a, toAt: _b, ...changes } = d;
    expect(changes).toEqual(expectedDiff(fresh1, fresh2));
    const { lineageDiff: byId } = await gql(DIFF, { from: id1, to: id2 });
    expect(byId).toEqual(d);
    // The other way round: added and removed swap.
    const { lineageDiff: back } = await gql(DIFF, { from: id2, to: id1 });
    expect(back.addedNodes).toEqual(d.removedNodes);
    expect(back.removedEdges).toEqual(d.addedEdges);
  });

  it('the graph as of the first ingestion answers as the first graph did; the current graph as a fresh ingestion of the second', async () => {
    expect(await answers(id1)).toEqual(firstAnswers);
    expect(await answers()).toEqual(freshAnswers2);
    const current = await liveState();
    expect([...current.nodes.keys()].sort()).toEqual([...fresh2.nodes.keys()].sort());
    expect([...current.edges].sort()).toEqual([...fresh2.edges].sort());
  });

  it('an ISO date-time between the ingestions is the first graph; before the first there was nothing', async () => {
    const [row] = await helix.exec.runText('MATCH (i:Ingestion {id: $id}) RETURN toString(i.finishedAt) AS at', { id: id1 }, 'READ');
    const between = new Date(Date.parse(String(row!.at)) + 1).toISOString();
    const [table] = await answers(between);
    expect(table).toEqual(firstAnswers[0]);
    const r = await graphqlClient(helix)(LINEAGE, { urn: urn('model.jaffle_shop.orders'), asOf: '2001-01-01T00:00:00Z' });
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await graphqlClient(helix)(LINEAGE, { urn: urn('model.jaffle_shop.orders'), asOf: 'last tuesday' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('Capsule.history lists each version with the ingestion that made it', async () => {
    const q = `query($urn: ID!) { capsule(urn: $urn) { history { ingestion endedBy ended current changedFields description columns } } }`;
    const { capsule } = await gql(q, { urn: urn(DESCRIBED) });
    expect(capsule.history).toHaveLength(2);
    const [v1, v2] = capsule.history;
    expect(v1).toMatchObject({ ingestion: id1, endedBy: id2, ended: 'changed', current: false, changedFields: [] });
    expect(v1.description).toBe(fresh1.nodes.get(urn(DESCRIBED))!.props.description);
    expect(v2).toMatchObject({ ingestion: id2, endedBy: null, current: true, changedFields: ['description'] });
    expect(v2.columns).toEqual(v1.columns);
    expect(v1.columns.length).toBeGreaterThan(0);
    const removed = await helix.exec.runText('MATCH (v:NodeVersion {urn: $urn}) RETURN v.versionTo AS by, v.versionEnd AS end', { urn: urn(REMOVED) }, 'READ');
    expect(removed).toEqual([{ by: id2, end: 'closed' }]);
  });

  it('closed elements are in no current answer: search, capsules, impact, paths, exports', async () => {
    const gqlAny = graphqlClient(helix);
    const search = await gql(`{ search(text: "metricflow_time_spine", first: 50) { edges { node { id } } } }`);
    expect(search.search.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(urn(REMOVED));
    const caps = await gql(`{ capsules(filter: {namespace: "${NS}"}, first: 500) { totalCount nodes { urn } } }`);
    expect(caps.capsules.nodes.map((n: { urn: string }) => n.urn)).not.toContain(urn(REMOVED));
    expect(caps.capsules.totalCount).toBe([...fresh2.nodes.values()].filter((n) => n.type !== 'Column').length);
    expect((await gqlAny(`{ capsule(urn: "${urn(REMOVED)}") { urn } }`)).data).toEqual({ capsule: null });
    expect((await gqlAny(`{ impact(urn: "${urn(REMOVED)}") { total } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const impact = await gql(`{ impact(urn: "${urn('model.jaffle_shop.stg_customers')}") { affected(first: 500) { nodes { urn } } } }`);
    expect(impact.impact.affected.nodes.map((n: { urn: string }) => n.urn)).toContain(urn(ADDED));
    const paths = await gqlAny(`{ lineagePath(from: "${urn('model.jaffle_shop.stg_orders')}", to: "${urn(REMOVED)}") { length } }`);
    expect(paths.data?.lineagePath ?? []).toEqual([]);
    const jsonl = (await exportText(helix, { format: 'jsonl', namespace: NS })).text;
    expect(jsonl).not.toContain(urn(REMOVED));
    expect(jsonl).toContain(urn(ADDED));
    const internal = (await exportText(helix, { format: 'jsonl', internal: true })).text;
    expect(internal).not.toContain('nodeversion');
    expect(internal).not.toContain(urn(REMOVED));
    // Conformance judges the current graph only: no open violation concerns the closed model.
    await evaluateConformance(helix.exec, { namespace: NS, rules: builtinRules() });
    const open = await helix.exec.runText(
      "MATCH (v:Violation)-[:CONCERNS]->(s) WHERE v.status = 'OPEN' RETURN collect(DISTINCT s.urn) AS subjects",
      {},
      'READ',
    );
    expect((open[0]!.subjects as string[]).length).toBeGreaterThan(0);
    expect(open[0]!.subjects).not.toContain(urn(REMOVED));
  });

  it('history survives re-ingesting the same files', async () => {
    const again = await runDbtIngest(helix.exec, second, {});
    const { lineageDiff: none } = await gql(DIFF, { from: 'previous', to: 'latest' });
    expect(none.toIngestion).toBe(again.id);
    expect([none.addedNodes, none.removedNodes, none.changedNodes, none.addedEdges, none.removedEdges]).toEqual([[], [], [], [], []]);
    const { lineageDiff: d } = await gql(DIFF, { from: id1, to: 'latest' });
    const { namespace: _n, fromIngestion: _f, toIngestion: _t, fromAt: _a, toAt: _b, ...changes } = d;
    expect(changes).toEqual(expectedDiff(fresh1, fresh2));
    expect(await answers(id1)).toEqual(firstAnswers);
  });
});
