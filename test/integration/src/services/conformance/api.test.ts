import { builtinRules } from '../../../../../src/services/conformance/builtin-rules.js';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { helixEvents, type ConformanceProgressEvent } from '../../../../../src/events/bus.js';
import { evaluateConformance } from '../../../../../src/services/conformance/evaluate.js';
import { loadRuleSet } from '../../../../../src/services/conformance/rule-set.js';
import { fixturePath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { captureCounters, graphqlClient, strictClient } from '../../../../support/graphql-client.js';
import { copyTarget } from './helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;
let work: string;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  gql = strictClient(helix);
  raw = graphqlClient(helix);
  work = copyTarget(fixturePath('dbt/v12-shop'));
  await runDbtIngest(helix.exec, work, {});
});
afterAll(async () => {
  await helix?.close();
  rmSync(work, { recursive: true, force: true });
});

const EVALUATION = `query($id: ID!) { conformanceEvaluation(id: $id) { id evaluationId status mode score evaluated failed report } }`;
const VIOLATIONS = `query($filter: ViolationFilter, $first: Int, $after: String) {
  violations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status severity category message evidence firstSeenAt lastSeenAt rule { id severity } subject { urn type } history { status by comment } } }
  }
}`;

describe('conformance through GraphQL', () => {
  it('evaluateConformance runs in the background, reports progress and records the evaluation', async () => {
    const events: ConformanceProgressEvent[] = [];
    const stop = helixEvents.subscribe('conformanceProgress', (e) => events.push(e));
    const { evaluateConformance: started } = await gql(`mutation { evaluateConformance(input: {namespace: "shop"}) { id evaluationId status } }`);
    expect(started.status).toMatch(/^(queued|running)$/);
    let evaluation: any;
    for (let i = 0; i < 300; i++) {
      ({ conformanceEvaluation: evaluation } = await gql(EVALUATION, { id: started.evaluationId }));
      if (evaluation.status === 'completed' || evaluation.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    stop();
    expect(evaluation).toMatchObject({ status: 'completed', mode: 'full' });
    expect(evaluation.score).toBe(Math.round((1000 * (evaluation.evaluated - evaluation.failed)) / evaluation.evaluated) / 10);
    expect(evaluation.report.rules).toHaveLength(builtinRules().length); // 14 with pii.untagged
    expect(events.map((e) => e.status)).toEqual(['queued', ...Array(builtinRules().length).fill('running'), 'completed']);
    expect(events.at(-1)?.score).toBe(evaluation.score);
  });

  it('lists rules and one rule', async () => {
    const { rules, rule } = await gql(`{ rules { id category severity scope enabled params } rule(id: "test.primary-key") { id name severity category scope origin } }`);
    expect(rules.map((r: { id: string }) => r.id)).toContain('lineage.layer-order');
    expect(rule).toMatchObject({ id: 'test.primary-key', severity: 'ERROR', category: 'testing', scope: 'model', origin: 'builtin' });
  });

  it('pages violations with totalCount and filters; a person changes a status', async () => {
    const filter = { namespace: 'shop', rule: 'doc.model-description' };
    const page1 = (await gql(VIOLATIONS, { filter, first: 3 })).violations;
    expect(page1.totalCount).toBe(4);
    expect(page1.edges).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await gql(VIOLATIONS, { filter, first: 3, after: page1.pageInfo.endCursor })).violations;
    expect(page2.edges).toHaveLength(1);
    const first = page1.edges[0].node;
    expect(first).toMatchObject({ status: 'OPEN', severity: 'WARNING', category: 'documentation', rule: { id: 'doc.model-description' }, subject: { type: 'Model' } });
    expect(first.history).toEqual([{ status: 'OPEN', by: 'helix', comment: null }]);

    const { updateViolationStatus } = await gql(`mutation($id: ID!) { updateViolationStatus(id: $id, status: ACKNOWLEDGED, comment: "known", by: "alice") { id status history { status by comment } } }`, { id: first.id });
    expect(updateViolationStatus.history.at(-1)).toEqual({ status: 'ACKNOWLEDGED', by: 'alice', comment: 'known' });
    const acked = (await gql(VIOLATIONS, { filter: { ...filter, status: 'ACKNOWLEDGED' } })).violations;
    expect(acked.totalCount).toBe(1);
    const bySubject = (await gql(VIOLATIONS, { filter: { subject: first.subject.urn, severity: 'WARNING' } })).violations;
    expect(bySubject.edges.map((e: any) => e.node.id)).toContain(first.id);
  });

  it('refuses bad input with BAD_USER_INPUT / NOT_FOUND', async () => {
    const code = async (q: string, v: Record<string, unknown> = {}) => (await raw(q, v)).errors?.[0]?.extensions?.code;
    expect(await code(VIOLATIONS, { after: 'not-a-cursor' })).toBe('BAD_USER_INPUT');
    expect(await code(`mutation { updateViolationStatus(id: "urn:helix:violation:x|y", status: OPEN) { id } }`)).toBe('NOT_FOUND');
    expect(await code(`mutation { updateViolationStatus(id: "urn:dbt:shop:model.shop.stg_orders", status: OPEN) { id } }`)).toBe('BAD_USER_INPUT');
    expect(await code(`mutation { evaluateConformance(input: {rules: ["no.such-rule"]}) { id } }`)).toBe('BAD_USER_INPUT');
  });

  it('scores: the formula, by category and rule, rolled up along IN_DOMAIN / PART_OF, per capsule through DataLoaders', async () => {
    const SCORE = `query($scope: ScoreScope!) { conformanceScore(scope: $scope) { score evaluated failed byCategory { category evaluated failed score } byRule { rule { id } evaluated failed score } trend { score } } }`;
    const ns = (await gql(SCORE, { scope: { namespace: 'shop' } })).conformanceScore;
    expect(ns.evaluated).toBe(ns.byRule.reduce((s: number, r: any) => s + r.evaluated, 0));
    expect(ns.failed).toBe(ns.byCategory.reduce((s: number, r: any) => s + r.failed, 0));
    expect(ns.score).toBe(Math.round((1000 * (ns.evaluated - ns.failed)) / ns.evaluated) / 10);
    expect(ns.trend.length).toBeGreaterThanOrEqual(1);
    const sales = (await gql(SCORE, { scope: { domain: 'Sales' } })).conformanceScore;
    const product = (await gql(SCORE, { scope: { dataProduct: 'Orders360' } })).conformanceScore;
    const capsule = (await gql(SCORE, { scope: { capsule: 'urn:dbt:shop:model.shop.stg_orders' } })).conformanceScore;
    expect(sales.evaluated).toBeGreaterThan(0);
    expect(sales.evaluated).toBeLessThan(ns.evaluated);
    // stg_orders is the only capsule of the domain and of the product: all three scopes agree.
    expect(product).toMatchObject({ evaluated: sales.evaluated, failed: sales.failed });
    expect(capsule).toMatchObject({ evaluated: sales.evaluated, failed: sales.failed });
    // A capsule's trend is replayed from its violations' histories: after the one evaluation, as it is now.
    expect(capsule.trend.map((p: { score: number }) => p.score)).toEqual([capsule.score]);
    await gql(`mutation { setDomain(urn: "urn:dbt:shop:model.shop.fct_revenue", domain: "Sales") { id } }`);
    const grown = (await gql(SCORE, { scope: { domain: 'Sales' } })).conformanceScore;
    expect(grown.evaluated).toBeGreaterThan(sales.evaluated);
    const empty = (await gql(SCORE, { scope: { domain: 'Nowhere' } })).conformanceScore;
    expect(empty).toMatchObject({ evaluated: 0, failed: 0, score: 100 });

    const counters = captureCounters(helix);
    const { capsules } = await gql(`{ capsules(first: 20) { nodes { urn violations { id rule { id } } conformanceScore { score evaluated failed } } } }`);
    counters.restore();
    const stgOrders = capsules.nodes.find((c: any) => c.urn === 'urn:dbt:shop:model.shop.stg_orders');
    expect(stgOrders.conformanceScore).toMatchObject({ evaluated: capsule.evaluated, failed: capsule.failed });
    const withViolations = capsules.nodes.filter((c: any) => c.violations.length > 0).length;
    expect(withViolations).toBeGreaterThan(2);
    // capsules + rules + violations + scores (+ trend) + counts: a constant number of round trips, not one per capsule.
    expect(Math.max(...counters.counters())).toBeLessThanOrEqual(8);
  });

  it('rule-set Cypher rules are read-only and run with their params', async () => {
    const dir = path.dirname(work);
    const file = (name: string, text: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    const own = file(
      'own.yml',
      `rules:
  - id: acme.view-models
    name: No views
    category: architecture
    severity: info
    scope: model
    params: { materialization: view }
    cypher: |
      MATCH (m:Model) WHERE ($namespace IS NULL OR m.namespace = $namespace) AND ($subjects IS NULL OR m.urn IN $subjects)
        AND m.materialization = $params.materialization
      RETURN m.urn AS subject, m.name + ' is a view' AS message, [m.materialization] AS evidence
`,
    );
    const report = await evaluateConformance(helix.exec, { namespace: 'shop', rules: loadRuleSet(own).filter((r) => r.id === 'acme.view-models') });
    const [views] = await helix.exec.runText(`MATCH (m:Model {namespace: 'shop', materialization: 'view'}) RETURN count(m) AS n`, {}, 'READ');
    expect(report.rules[0]).toMatchObject({ rule: 'acme.view-models', failing: Number(views?.n) });

    const before = await helix.exec.runText('MATCH (n) RETURN count(n) AS n', {}, 'READ');
    const writer = file('w.yml', `rules:\n  - id: acme.sneaky\n    name: x\n    category: naming\n    severity: info\n    scope: model\n    cypher: "CALL apoc.refactor.setType(null, 'x') YIELD output RETURN 'x' AS subject UNION CALL db.createLabel('Pwned') RETURN 'y' AS subject"\n`);
    await expect(evaluateConformance(helix.exec, { namespace: 'shop', rules: loadRuleSet(writer).filter((r) => r.id === 'acme.sneaky') })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const creator = file('c.yml', `rules:\n  - id: acme.creator\n    name: x\n    category: naming\n    severity: info\n    scope: model\n    cypher: "CREATE (n:Pwned) RETURN n.urn AS subject"\n`);
    await expect(evaluateConformance(helix.exec, { namespace: 'shop', rules: loadRuleSet(creator).filter((r) => r.id === 'acme.creator') })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const broken = file('b.yml', `rules:\n  - id: acme.broken\n    name: x\n    category: naming\n    severity: info\n    scope: model\n    cypher: "MATCH (n RETURN n"\n`);
    await expect(evaluateConformance(helix.exec, { namespace: 'shop', rules: loadRuleSet(broken).filter((r) => r.id === 'acme.broken') })).rejects.toThrow(/b\.yml:7/);
    expect(await helix.exec.runText('MATCH (n) RETURN count(n) AS n', {}, 'READ')).toEqual(before);
    const [labels] = await helix.exec.runText(`CALL db.labels() YIELD label WITH label WHERE label = 'Pwned' RETURN count(*) AS n`, {}, 'READ');
    expect(labels?.n).toBe(0);
  });
});
