import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { builtinRules } from '../../../../../src/services/conformance/builtin-rules.js';
import { evaluateConformance } from '../../../../../src/services/conformance/evaluate.js';
import { changedUrns, readScopeState, scopePrefixes } from '../../../../../src/services/conformance/ingestion-changes.js';
import { updateViolationStatus } from '../../../../../src/services/conformance/violations.js';
import { fixturePath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { copyTarget, editManifest, statusOf, violationState } from './helpers.js';

const NS = 'shop';
const urn = (id: string) => `urn:dbt:${NS}:${id}`;
const rules = builtinRules();
let helix: HelixContext;
let work: string;

beforeAll(async () => (helix = await openTestHelix()));
afterAll(async () => helix?.close());
beforeEach(async () => {
  await resetGraph(helix);
  if (work) rmSync(work, { recursive: true, force: true });
  work = copyTarget(fixturePath('dbt/v12-shop'));
});

const evaluate = () => evaluateConformance(helix.exec, { namespace: NS, rules });
const openOrAck = async () =>
  Number((await helix.exec.runText(`MATCH (v:Violation {namespace: $ns}) WHERE v.status IN ['OPEN', 'ACKNOWLEDGED'] RETURN count(v) AS n`, { ns: NS }, 'READ'))[0]?.n);

// Each case ingests a project three times and evaluates every rule as often: seconds alone, more on a busy machine.
describe('the violation workflow across re-evaluation', { timeout: 180_000 }, () => {
  it('resolves what now passes, keeps decisions, reopens what fails again, never duplicates', async () => {
    await runDbtIngest(helix.exec, work, {});
    const first = await evaluate();
    // Own models without a description; the installed package's and the other project's models are exempt.
    const undocumented = (await violationState(helix)).filter((v) => v.urn.includes(':doc.model-description|')).map((v) => v.urn.split('|')[1]);
    expect(undocumented).toEqual([urn('model.shop.fct_revenue'), urn('model.shop.orders.v1'), urn('model.shop.orders.v2'), urn('model.shop.stg_payments')]);
    expect(first.failed).toBe(await openOrAck());
    expect(first.score).toBe(Math.round((1000 * (first.evaluated - first.failed)) / first.evaluated) / 10);

    await updateViolationStatus(helix.exec, { id: `urn:helix:violation:doc.model-description|${urn('model.shop.orders.v1')}`, status: 'ACKNOWLEDGED', comment: 'v1 is going away', by: 'alice' });
    await updateViolationStatus(helix.exec, { id: `urn:helix:violation:doc.model-description|${urn('model.shop.orders.v2')}`, status: 'FALSE_POSITIVE', by: 'bob' });

    editManifest(work, (m) => (m.nodes['model.shop.stg_payments'].description = 'Payments, one row per payment'));
    await runDbtIngest(helix.exec, work, {});
    const second = await evaluate();
    expect(await statusOf(helix, 'doc.model-description', urn('model.shop.stg_payments'))).toBe('RESOLVED');
    expect(await statusOf(helix, 'doc.model-description', urn('model.shop.orders.v1'))).toBe('ACKNOWLEDGED');
    expect(await statusOf(helix, 'doc.model-description', urn('model.shop.orders.v2'))).toBe('FALSE_POSITIVE');
    expect(await statusOf(helix, 'doc.model-description', urn('model.shop.fct_revenue'))).toBe('OPEN');
    const docRule = second.rules.find((r) => r.rule === 'doc.model-description')!;
    expect(docRule).toMatchObject({ failing: 3, created: 0, reopened: 0, resolved: 1 });
    // Counts add up: the FALSE_POSITIVE one fails but is not counted as failed.
    expect(second.failed).toBe(first.failed - 2);
    expect(second.failed).toBe(await openOrAck());

    editManifest(work, (m) => (m.nodes['model.shop.stg_payments'].description = '   '));
    await runDbtIngest(helix.exec, work, {});
    const third = await evaluate();
    expect(third.rules.find((r) => r.rule === 'doc.model-description')).toMatchObject({ created: 0, reopened: 1, resolved: 0 });
    const payments = (await violationState(helix)).find((v) => v.urn.endsWith(`doc.model-description|${urn('model.shop.stg_payments')}`))!;
    expect(payments.status).toBe('OPEN');
    expect(payments.history).toEqual(['OPEN/helix', 'RESOLVED/helix', 'OPEN/helix']);
    const acked = (await violationState(helix)).find((v) => v.urn.endsWith(`|${urn('model.shop.orders.v1')}`) && v.urn.includes('doc.model'))!;
    expect(acked.history).toEqual(['OPEN/helix', 'ACKNOWLEDGED/alice']);
    const [dupes] = await helix.exec.runText(`MATCH (v:Violation) WITH v.ruleId AS r, v.subjectUrn AS s, count(*) AS n WHERE n > 1 RETURN count(*) AS n`, {}, 'READ');
    expect(dupes?.n).toBe(0);
  });

  it('an incremental evaluation after an ingestion judges only what changed and equals a full one', async () => {
    const uniqueTest = 'test.shop.unique_stg_orders_order_id.0c0c0c';
    editManifest(work, (m) => {
      m.nodes[uniqueTest] = { ...m.nodes['test.shop.not_null_stg_orders_order_id.1a2b3c'], unique_id: uniqueTest, name: 'unique_stg_orders_order_id' };
      m.nodes[uniqueTest].test_metadata = { ...m.nodes[uniqueTest].test_metadata, name: 'unique' };
    });
    await runDbtIngest(helix.exec, work, {});
    await evaluate();
    expect(await statusOf(helix, 'test.primary-key', urn('model.shop.stg_orders'))).toBeUndefined();
    const prefixes = scopePrefixes('dbt', NS);
    const before = await readScopeState(helix.exec, prefixes);
    editManifest(work, (m) => {
      m.nodes['model.shop.stg_payments'].description = 'Payments';
      m.nodes['model.shop.fct_revenue'].meta = { owner: 'finance@example.com' };
      m.nodes['model.shop.fct_revenue'].config.meta = { owner: 'finance@example.com' };
      // A primary-key test disappears: its model must be judged again though the model itself did not change.
      delete m.nodes[uniqueTest];
    });
    await runDbtIngest(helix.exec, work, {});
    const changed = changedUrns(before, await readScopeState(helix.exec, prefixes));
    const incremental = await evaluateConformance(helix.exec, { namespace: NS, rules, changed });
    expect(incremental.mode).toBe('incremental');
    const [subjects] = await helix.exec.runText(`MATCH (c:Capsule {namespace: $ns}) OPTIONAL MATCH (c)-[:HAS_COLUMN]->(col) RETURN count(DISTINCT c) + count(DISTINCT col) AS n`, { ns: NS }, 'READ');
    expect(incremental.touched).toBeGreaterThan(0);
    expect(incremental.touched).toBeLessThan(Number(subjects?.n));
    const afterIncremental = await violationState(helix);
    expect(afterIncremental.find((v) => v.urn === `urn:helix:violation:test.primary-key|${urn('model.shop.stg_orders')}`)?.status).toBe('OPEN');

    const full = await evaluate();
    expect(full.created + full.reopened + full.resolved).toBe(0);
    expect(await violationState(helix)).toEqual(afterIncremental);
    expect(full.failed).toBe(incremental.failed);
  });
});
