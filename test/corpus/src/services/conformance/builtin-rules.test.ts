import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGESTERS } from '../../../../../src/ingestion/registry.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { builtinRules } from '../../../../../src/services/conformance/builtin-rules.js';
import { evaluateConformance } from '../../../../../src/services/conformance/evaluate.js';
import type { Rule } from '../../../../../src/services/conformance/rule-types.js';
import { corpusPath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { copyTarget } from '../../../../integration/src/services/conformance/helpers.js';

// Each built-in rule with a failing and a passing subject from real projects of the corpus. Where the corpus holds
// no failing case, the case is derived from a real project by the smallest edit, and says so.
const V11 = 'jaffle-shop-v11-dbt1.7.0';
const C24 = 'dbt-labs-c24-workshops-sales-v12-cloud2024.9';
const JAZZ = 'jazzdung-financial-v9-dbt1.5.1';
const ANDREW = 'andrewstaus-dbt-analytics-v12-dbt1.9.8';
const BOUNCER = 'dbt-bouncer-fixture-v12-dbt1.9.10';
const C24_DEPRECATED = 'c24-consumer-of-deprecated';
const JAZZ_STALE = 'jazzdung-stale-source';

const dbt = (ns: string, id: string) => `urn:dbt:${ns}:${id}`;
let helix: HelixContext;
const work: string[] = [];

async function ingest(kind: string, dir: string, namespace?: string) {
  const run = await INGESTERS[kind]!.run();
  const report = await run(helix.exec, dir, namespace ? { namespace } : {});
  expect(report.status).toBe('completed');
}

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  for (const p of [V11, C24, JAZZ, ANDREW, BOUNCER]) await ingest('dbt', corpusPath('dbt', p), p);
  // c24: the semantic model `customers` still reads dim_customers v1 (deprecated 2023-10-31) instead of v2.
  const c24 = copyTarget(corpusPath('dbt', C24));
  work.push(c24);
  const manifest = JSON.parse(readFileSync(path.join(c24, 'manifest.json'), 'utf8'));
  manifest.semantic_models['semantic_model.acme_sales.customers'].depends_on.nodes = ['model.acme_sales.dim_customers.v1'];
  writeFileSync(path.join(c24, 'manifest.json'), JSON.stringify(manifest));
  await ingest('dbt', c24, C24_DEPRECATED);
  // jazzdung: sources.json as dbt reports balance_sheet 100 days after its last load (warn_after is 90 days).
  const jazz = copyTarget(corpusPath('dbt', JAZZ));
  work.push(jazz);
  const sources = JSON.parse(readFileSync(path.join(jazz, 'sources.json'), 'utf8'));
  const balance = sources.results.find((r: { unique_id: string }) => r.unique_id === 'source.dbt_financial.source.balance_sheet');
  Object.assign(balance, { status: 'warn', max_loaded_at_time_ago_in_s: 100 * 86_400 });
  writeFileSync(path.join(jazz, 'sources.json'), JSON.stringify(sources));
  await ingest('dbt', jazz, JAZZ_STALE);
  await ingest('openlineage', corpusPath('openlineage/events/marquez-api-tests'));
  await ingest('openlineage', corpusPath('openlineage/events/compat-consumer-airflow'));
  await ingest('hgnc', corpusPath('bio/genes'));
  await ingest('annotations', corpusPath('bio/annotations/clingen'));
});
afterAll(async () => {
  await helix?.close();
  for (const w of work) rmSync(w, { recursive: true, force: true });
});

async function failingSubjects(rule: Rule, namespace: string | null): Promise<string[]> {
  await evaluateConformance(helix.exec, { namespace, rules: [rule] });
  const rows = await helix.exec.runText(
    `MATCH (v:Violation {ruleId: $rule}) WHERE v.status = 'OPEN' AND ($ns IS NULL OR v.namespace = $ns) RETURN v.subjectUrn AS s`,
    { rule: rule.id, ns: namespace },
    'READ',
  );
  return rows.map((r) => String(r.s));
}

const rule = (id: string, params: Record<string, unknown> = {}): Rule => {
  const r = builtinRules().find((x) => x.id === id)!;
  return { ...r, params: { ...r.params, ...params } };
};

const cases: Array<{ rule: string; fail: [string | null, string]; pass: [string | null, string]; params?: Record<string, unknown> }> = [
  { rule: 'doc.model-description', fail: [V11, dbt(V11, 'model.jaffle_shop.stg_customers')], pass: [V11, dbt(V11, 'model.jaffle_shop.customers')] },
  { rule: 'test.primary-key', fail: [C24, dbt(C24, 'model.acme_sales.customer_flags')], pass: [V11, dbt(V11, 'model.jaffle_shop.customers')] },
  { rule: 'naming.layer-prefix', fail: [JAZZ, dbt(JAZZ, 'model.dbt_financial.fact_balance_sheet')], pass: [V11, dbt(V11, 'model.jaffle_shop.stg_customers')] },
  { rule: 'doc.column-description', fail: [V11, dbt(V11, 'model.jaffle_shop.orders#status')], pass: [V11, dbt(V11, 'model.jaffle_shop.orders#order_id')] },
  { rule: 'ownership.model-owner', fail: [V11, dbt(V11, 'model.jaffle_shop.customers')], pass: [ANDREW, dbt(ANDREW, 'model.analytics.int_marketing__int_attributions')] },
  { rule: 'lineage.layer-order', fail: [ANDREW, dbt(ANDREW, 'model.analytics.int_marketing__int_attributions')], pass: [V11, dbt(V11, 'model.jaffle_shop.customers')] },
  { rule: 'lineage.orphan-model', fail: [V11, dbt(V11, 'model.jaffle_shop.customers')], pass: [V11, dbt(V11, 'model.jaffle_shop.stg_customers')] },
  {
    rule: 'lineage.deprecated-upstream',
    fail: [C24_DEPRECATED, dbt(C24_DEPRECATED, 'semantic_model.acme_sales.customers')],
    pass: [C24, dbt(C24, 'semantic_model.acme_sales.customers')],
  },
  { rule: 'architecture.public-exposure', fail: [ANDREW, dbt(ANDREW, 'exposure.analytics.marketing_dashboard')], pass: [BOUNCER, dbt(BOUNCER, 'exposure.dbt_bouncer_test_project.customers')] },
  { rule: 'test.failing', fail: [C24, dbt(C24, 'model.acme_sales.stg_tpch_line_items')], pass: [C24, dbt(C24, 'model.acme_sales.stg_tpch_customers')] },
  { rule: 'freshness.source-stale', fail: [JAZZ_STALE, dbt(JAZZ_STALE, 'source.dbt_financial.source.balance_sheet')], pass: [JAZZ, dbt(JAZZ, 'source.dbt_financial.source.balance_sheet')] },
  { rule: 'pii.untagged', fail: [ANDREW, dbt(ANDREW, 'source.analytics.accounts_db.accounts#first_name')], pass: [ANDREW, dbt(ANDREW, 'source.analytics.accounts_db.accounts#party_key')] },
  { rule: 'provenance.run-io', fail: [null, 'urn:ol:run:01936898-5bd1-7d18-b1a0-109de253e28f'], pass: [null, 'urn:ol:run:ea041791-68bc-4ae1-bd89-4c8106a157e4'] },
];

describe('built-in rules on real projects', () => {
  it('covers every built-in rule', () => {
    expect([...cases.map((c) => c.rule), 'bio.annotation-stale'].sort()).toEqual(builtinRules().map((r) => r.id).sort());
  });

  it.each(cases)('$rule: $fail.1 fails, $pass.1 passes', async (c) => {
    const failing = await failingSubjects(rule(c.rule, c.params), c.fail[0]);
    expect(failing).toContain(c.fail[1]);
    const [exists] = await helix.exec.runText('MATCH (n:Node {urn: $urn}) RETURN count(n) AS n', { urn: c.pass[1] }, 'READ');
    expect(exists?.n).toBe(1);
    const passing = c.pass[0] === c.fail[0] ? failing : await failingSubjects(rule(c.rule, c.params), c.pass[0]);
    expect(passing).not.toContain(c.pass[1]);
  });

  it('bio.annotation-stale: ADNP (ClinGen curation of 2017-11-22) is stale after a year, recent enough within its age', async () => {
    const adnp = 'HGNC:15766';
    expect(await failingSubjects(rule('bio.annotation-stale'), null)).toContain(adnp);
    const age = Math.ceil((Date.now() - Date.parse('2017-11-22')) / 86_400_000);
    expect(await failingSubjects(rule('bio.annotation-stale', { maxAgeDays: age + 30 }), null)).not.toContain(adnp);
  });
});
