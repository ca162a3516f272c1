import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { resetGraph } from '../../../support/graph.js';
import { shopCopyPerTest } from './dbt-shop-copy.js';

let helix: HelixContext;
let work: string;
shopCopyPerTest('helix-dbt-', (h, w) => ((helix = h), (work = w)));

const snapshot = async () =>
  (
    await helix.exec.runText(
      `MATCH (n:Node) WHERE NOT n:Ingestion
       OPTIONAL MATCH (n)-[r]->(m:Node)
       WITH n, collect(type(r) + '>' + m.urn) AS out
       RETURN n.urn AS urn, n.contentHash AS hash, apoc.coll.sort(out) AS out ORDER BY urn`,
      {},
      'READ',
    )
  ).map((r) => JSON.stringify(r));

const editManifest = (fn: (m: Record<string, any>) => void) => {
  const file = path.join(work, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  fn(m);
  writeFileSync(file, JSON.stringify(m));
};

describe('dbt ingestion into Neo4j', () => {
  it('is idempotent and records an Ingestion node with its report', async () => {
    const first = await runDbtIngest(helix.exec, work, {});
    expect(first.status).toBe('completed');
    expect(first.namespace).toBe('shop');
    expect(first.write.nodes.created).toBeGreaterThan(10);
    const second = await runDbtIngest(helix.exec, work, {});
    expect(second.write.nodes).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(second.write.edges).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(second.stats.sqlLineageCacheHits).toBe(first.stats.sqlLineageDerived);
    const [ing] = await helix.exec.runText('MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.reportJson AS report', { id: second.id }, 'READ');
    expect(ing?.status).toBe('completed');
    expect(JSON.parse(String(ing?.report)).write.nodes.unchanged).toBe(second.write.nodes.unchanged);
  });

  it('updates changed capsules, deletes removed ones and keeps earlier run results', async () => {
    await runDbtIngest(helix.exec, work, {});
    const results = async () => Number((await helix.exec.runText('MATCH (r:TestResult|RunResult) RETURN count(r) AS n', {}, 'READ'))[0]?.n);
    const before = await results();
    expect(before).toBeGreaterThan(0);
    rmSync(path.join(work, 'run_results.json'));
    editManifest((m) => {
      m.nodes['model.shop.stg_payments'].description = 'changed';
      delete m.nodes['analysis.shop.revenue_analysis'];
    });
    const r = await runDbtIngest(helix.exec, work, {});
    expect(r.write.nodes.byLabel.Analysis?.deleted).toBe(1);
    expect(r.write.nodes.byLabel.Model?.updated).toBe(1);
    const [desc] = await helix.exec.runText("MATCH (c:Capsule {urn: 'urn:dbt:shop:model.shop.stg_payments'}) RETURN c.description AS d", {}, 'READ');
    expect(desc?.d).toBe('changed');
    expect(await results()).toBe(before);
  });

  it('refuses to delete most of a namespace without --allow-mass-delete', async () => {
    await runDbtIngest(helix.exec, work, {});
    editManifest((m) => {
      for (const id of Object.keys(m.nodes)) if (id.startsWith('model.')) delete m.nodes[id];
    });
    await expect(runDbtIngest(helix.exec, work, {})).rejects.toMatchObject({ code: 'CONFLICT' });
    const [failed] = await helix.exec.runText("MATCH (i:Ingestion {status: 'failed'}) RETURN i.error AS e", {}, 'READ');
    expect(String(failed?.e)).toMatch(/--allow-mass-delete/);
    const ok = await runDbtIngest(helix.exec, work, { allowMassDelete: true });
    expect(ok.write.nodes.byLabel.Model?.deleted).toBeGreaterThan(0);
  });

  it('completes an ingestion that crashed half way, leaving the same graph as a clean run', async () => {
    await runDbtIngest(helix.exec, work, {});
    const clean = await snapshot();
    await resetGraph(helix);
    let calls = 0;
    await expect(
      runDbtIngest(helix.exec, work, {
        onProgress: () => {
          if (++calls === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect((await snapshot()).length).toBeLessThan(clean.length);
    await runDbtIngest(helix.exec, work, {});
    expect(await snapshot()).toEqual(clean);
  });
});
