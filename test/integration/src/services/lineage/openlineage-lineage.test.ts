import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../../src/demo/load-demo.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { strictClient } from './helpers.js';

// The demo graph: the dbt project jaffle_shop, and the OpenLineage job sched/daily.load that reads the dbt model
// orders (same physical table, so the same node) and writes analytics.exports.orders_export.
const dbt = (id: string) => `urn:dbt:jaffle_shop:${id}`;
const RAW_ORDERS = dbt('source.jaffle_shop.raw.orders');
const ORDERS = dbt('model.jaffle_shop.orders');
const JOB = 'urn:ol:job:sched:daily.load';
const EXPORT = 'urn:ol:dataset:postgres://db:5432:analytics.exports.orders_export';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  await loadDemoGraph(helix.exec, { force: true });
  gql = strictClient(helix);
});
afterAll(async () => helix?.close());

const NODES = 'root nodes { urn type distance direction } edges { from to type }';

describe('lineage of OpenLineage datasets and jobs (dataset -> job -> dataset)', () => {
  it('walks upstream from an OpenLineage dataset through its job into the dbt project', async () => {
    const { lineage } = await gql(`{ lineage(urn: "${EXPORT}", direction: UPSTREAM, depth: 3) { ${NODES} } }`);
    const at = Object.fromEntries(lineage.nodes.map((n: { urn: string; distance: number }) => [n.urn, n.distance]));
    expect(at).toMatchObject({ [EXPORT]: 0, [JOB]: 1, [ORDERS]: 2, [dbt('model.jaffle_shop.stg_orders')]: 3, [dbt('model.jaffle_shop.stg_payments')]: 3 });
    expect(lineage.nodes.find((n: { urn: string }) => n.urn === JOB).type).toBe('Job');
    expect(lineage.nodes.find((n: { urn: string }) => n.urn === ORDERS).type).toBe('Model');
    expect(lineage.edges).toEqual(expect.arrayContaining([
      { from: JOB, to: EXPORT, type: 'FLOWS_TO' },
      { from: ORDERS, to: JOB, type: 'FLOWS_TO' },
    ]));
  });

  it('walks downstream from a dbt source through the job to the OpenLineage output, and both ways from the job', async () => {
    const { lineage } = await gql(`{ lineage(urn: "${RAW_ORDERS}", direction: DOWNSTREAM, depth: 5) { ${NODES} } }`);
    expect(lineage.nodes.map((n: { urn: string }) => n.urn)).toEqual(expect.arrayContaining([JOB, EXPORT]));
    const job = await gql(`{ lineage(urn: "${JOB}", direction: BOTH, depth: 1) { ${NODES} } }`);
    expect(job.lineage.nodes.map((n: { urn: string; direction: string | null }) => [n.urn, n.direction]).sort()).toEqual(
      [[EXPORT, 'DOWNSTREAM'], [ORDERS, 'UPSTREAM'], [JOB, null]].sort(),
    );
  });

  it('counts the OpenLineage job and dataset in the impact of a dbt source', async () => {
    const { impact } = await gql(`{ impact(urn: "${dbt('source.jaffle_shop.raw.payments')}") { total affected(first: 50) { nodes { urn type } } exposures { urn } } }`);
    const urns = impact.affected.nodes.map((n: { urn: string }) => n.urn);
    expect(urns).toEqual(expect.arrayContaining([ORDERS, JOB, EXPORT, dbt('exposure.jaffle_shop.weekly_revenue')]));
    expect(impact.total).toBe(urns.length);
  });

  it('finds the lineage path from a dbt source to an OpenLineage dataset, in either order', async () => {
    const q = (from: string, to: string) => `{ lineagePath(from: "${from}", to: "${to}") { direction length nodes { urn } } }`;
    const down = (await gql(q(RAW_ORDERS, EXPORT))).lineagePath;
    expect(down).toEqual([{ direction: 'DOWNSTREAM', length: 4, nodes: [RAW_ORDERS, dbt('model.jaffle_shop.stg_orders'), ORDERS, JOB, EXPORT].map((urn) => ({ urn })) }]);
    const up = (await gql(q(EXPORT, RAW_ORDERS))).lineagePath;
    expect(up[0].direction).toBe('UPSTREAM');
    expect(up[0].nodes.map((n: { urn: string }) => n.urn)).toEqual([EXPORT, JOB, ORDERS, dbt('model.jaffle_shop.stg_orders'), RAW_ORDERS]);
  });

  it('follows column lineage from an OpenLineage column into the dbt columns it came from', async () => {
    const { lineage } = await gql(`{ lineage(urn: "${EXPORT}#amount", level: COLUMN, direction: UPSTREAM) { nodes { urn distance } } }`);
    expect(lineage.nodes.map((n: { urn: string }) => n.urn)).toEqual(expect.arrayContaining([
      `${ORDERS}#amount`,
      `${dbt('model.jaffle_shop.stg_payments')}#amount`,
      `${dbt('source.jaffle_shop.raw.payments')}#amount`,
    ]));
  });

  it('answers NOT_FOUND for an unknown OpenLineage dataset, as for capsules', async () => {
    const res = await strictClient(helix)(`{ lineage(urn: "urn:ol:dataset:nowhere:none") { root } }`).catch((e: Error) => e.message);
    expect(String(res)).toContain('NOT_FOUND');
  });
});
