import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { expectedFromManifest, projectDirs, readJson, upstreamClosure } from './expected-counts.js';

const root = corpusPath('dbt');
const projects = projectDirs(root);
let helix: HelixContext;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
});
afterAll(async () => helix?.close());

const q = (text: string, params: Record<string, unknown>) => helix.exec.runText(text, params, 'READ');

describe.each(projects)('dbt project %s in the graph', (project) => {
  // Each project gets its own namespace, so the many jaffle_shop copies live side by side.
  const namespace = project;
  const dir = path.join(root, project);

  it('ingests without error and holds the capsules, tests and table lineage the JSON describes', async () => {
    const report = await runDbtIngest(helix.exec, dir, { namespace });
    expect(report.status).toBe('completed');
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const expected = expectedFromManifest(dir);

    const byType = await q(
      `MATCH (c:Capsule {namespace: $ns}) WHERE c.reference IS NULL
       UNWIND [l IN labels(c) WHERE NOT l IN ['Node', 'Capsule']] AS type RETURN type, count(*) AS n`,
      { ns: namespace },
    );
    expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual(expected.capsulesByType);

    const flows = await q(
      `MATCH (a:Capsule {namespace: $ns})-[:FLOWS_TO]->(b:Capsule {namespace: $ns}) RETURN a.uniqueId + ' -> ' + b.uniqueId AS e`,
      { ns: namespace },
    );
    expect(new Set(flows.map((r) => String(r.e)))).toEqual(expected.flowsTo);

    const [tests] = await q(`MATCH (t:Test) WHERE t.urn STARTS WITH $prefix RETURN count(t) AS n`, { prefix: `urn:dbt:${namespace}:` });
    expect(tests?.n).toBe(expected.tests);

    const cols = await q(
      `MATCH (c:Capsule {namespace: $ns})-[:HAS_COLUMN]->(col:Column) WHERE coalesce(col.inferred, false) = false
       RETURN c.uniqueId + '#' + substring(col.urn, size(c.urn) + 1) AS k`,
      { ns: namespace },
    );
    expect(new Set(cols.map((r) => String(r.k)))).toEqual(expected.columns);

    // Upstream closures of sampled capsules equal those computed from depends_on.
    const sample = [...expected.capsuleIds].filter((_, i) => i % 7 === 0).slice(0, 8);
    for (const id of sample) {
      const rows = await q(
        `MATCH (c:Capsule {urn: $urn}) OPTIONAL MATCH (u:Capsule)-[:FLOWS_TO]->+(c) WHERE u.namespace = $ns AND u <> c
         RETURN collect(DISTINCT u.uniqueId) AS ids`,
        { urn: `urn:dbt:${namespace}:${id}`, ns: namespace },
      );
      expect(new Set(rows[0]?.ids as string[]), id).toEqual(upstreamClosure(expected.dependsOn, id));
    }
  });

  it('derives column lineage by hand-checked expectations where the project is jaffle_shop-shaped', async () => {
    const m = readJson(path.join(dir, 'manifest.json'));
    const models = (name: string) =>
      Object.entries<any>(m.nodes).filter(([, n]) => n.resource_type === 'model' && n.name === name && n.config?.enabled !== false);
    // The jaffle_shop contract: a customers model that documents customer_id and has compiled SQL reading stg_customers.
    const customers = models('customers').filter(
      ([, n]) => (n.compiled_code ?? n.compiled_sql) && Object.keys(n.columns ?? {}).map((c) => c.toLowerCase()).includes('customer_id'),
    );
    for (const [id, node] of customers) {
      // Versioned projects: the stg_customers version this customers model actually reads.
      const stg = (node.depends_on?.nodes ?? []).find((d: string) => /^model\.[^.]+\.stg_customers(\.v\d+)?$/.test(d));
      if (!stg) continue;
      const rows = await q(
        `MATCH (d:Column {urn: $down})-[r:DERIVED_FROM]->(u:Column {urn: $up}) RETURN r.transformation AS t`,
        { down: `urn:dbt:${namespace}:${id}#customer_id`, up: `urn:dbt:${namespace}:${stg}#customer_id` },
      );
      expect(rows.map((r) => r.t), id).toEqual(['identity']);
    }
  });

  it('re-ingests unchanged artifacts as all unchanged', async () => {
    const again = await runDbtIngest(helix.exec, dir, { namespace });
    const { nodes, edges } = again.write;
    expect({ created: nodes.created, updated: nodes.updated, deleted: nodes.deleted }).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect({ created: edges.created, updated: edges.updated, deleted: edges.deleted }).toEqual({ created: 0, updated: 0, deleted: 0 });
  });
});
