import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { rebuildMissingReadModels, rebuildReadModelsOf } from '../../../../src/db/read-model-rebuild.js';
import { READ_MODEL_FORMAT, READ_MODEL_KEYS } from '../../../../src/db/read-models.js';
import { tagUrn } from '../../../../ingest/common/urns.js';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import { refreshPii } from '../../../../src/services/conformance/pii/refresh-pii.js';
import { fixturePath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { strictClient } from '../../../support/graphql-client.js';

/**
 * The capsule read models (src/db/read-models.ts) on the real Neo4j: after every write path, the planned read (which
 * uses the models) answers exactly what the graph answers (nodes(ids): the node loader and the DataLoaders, which
 * never read a model), and every capsule has its model again.
 */
const Q1 = 'urn name tags { urn name } tests { urn name } columns { urn name tags { urn name } tests { urn name } } upstream { urn name }';
// Every nested field the model holds, and (second) fields it does not hold (description): read from the graph.
const EVERY =
  'urn name tags { id urn type name } tests { id urn type name testType testName severity columnName } ' +
  'columns { id urn type name dataType index tagNames tags { urn name } tests { urn name severity columnName } } upstream { urn name }';
const BEYOND = 'urn tests { urn description } columns { urn description tags { urn name } }';

describe('capsule read models', () => {
  let helix: HelixContext;
  let dir: string;
  let gql: ReturnType<typeof strictClient>;
  const manifest = () => path.join(dir, 'manifest.json');
  const count = async (text: string) => Number((await helix.exec.runText(text, {}, 'READ'))[0]!.n);

  /** Planned answers (namespace listing, capsule by urn) equal the graph's, for Q1's shape and every nested field. */
  async function expectModelsEqualGraph(fieldSets = [Q1, EVERY]) {
    const capsules = (await gql('{ capsules(first: 100) { nodes { urn namespace } } }')).capsules.nodes as Array<{ urn: string; namespace: string }>;
    expect(capsules.length).toBeGreaterThan(3);
    expect(await count('MATCH (m:CapsuleReadModel) RETURN count(m) AS n')).toBe(await count('MATCH (c:Capsule) RETURN count(c) AS n'));
    for (const fields of fieldSets) {
      for (const ns of new Set(capsules.map((c) => c.namespace))) {
        const planned = (await gql(`query($ns: String!) { capsules(filter: {namespace: $ns}, first: 50) { nodes { ${fields} } } }`, { ns })).capsules.nodes as Array<{ urn: string }>;
        const graph = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Capsule { ${fields} } } }`, { ids: planned.map((c) => c.urn) });
        expect(planned).toEqual(graph.nodes);
      }
      // Each capsule(urn) is a planned read of its own (get-capsule-trees), all in one request.
      const byUrn = await gql(`{ ${capsules.map((c, i) => `c${i}: capsule(urn: ${JSON.stringify(c.urn)}) { ${fields} }`).join(' ')} }`);
      const graph = await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Capsule { ${fields} } } }`, { ids: capsules.map((c) => c.urn) });
      expect(capsules.map((_, i) => byUrn[`c${i}`])).toEqual(graph.nodes);
    }
  }

  const columnOf = async (model: string, column: string) => {
    const c = await gql(`query($u: ID!) { capsule(urn: $u) { columns { name dataType tags { name } tests { name severity } } } }`, { u: model });
    return (c.capsule.columns as Array<{ name: string; tests: unknown[] }>).find((x) => x.name.toLowerCase() === column);
  };
  const stgOrders = async () => (await gql('{ capsules(first: 100) { nodes { urn name } } }')).capsules.nodes.find((c: { name: string }) => c.name === 'stg_orders').urn as string;

  beforeAll(async () => {
    helix = await openTestHelix({ HELIX_CACHE: 'off' });
    await resetGraph(helix);
    gql = strictClient(helix);
    dir = mkdtempSync(path.join(os.tmpdir(), 'helix-read-models-'));
    cpSync(fixturePath('dbt', 'v12-shop'), dir, { recursive: true });
  });
  afterAll(async () => {
    await helix?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds every model in a dbt ingestion, and the planned read uses them', async () => {
    await runDbtIngest(helix.exec, dir, {});
    await expectModelsEqualGraph([Q1, EVERY, BEYOND]);
    // A model that differs from the graph shows in the planned answer (the read really uses it), never in the graph's.
    const urn = await stgOrders();
    const json = JSON.stringify({ tags: [['urn:tag:planted', ['Node', 'Tag'], READ_MODEL_KEYS.tags.map((k) => (k === 'name' ? 'planted' : null))]], tests: [], columns: [] });
    await helix.exec.runText('MATCH (m:CapsuleReadModel {urn: $urn}) SET m.json = $json', { urn, json });
    const planned = await gql(`query($u: ID!) { capsule(urn: $u) { tags { name } } }`, { u: urn });
    expect(planned.capsule.tags).toEqual([{ name: 'planted' }]);
    // A model of another format is never read, and is rebuilt by start-up.
    await helix.exec.runText('MATCH (m:CapsuleReadModel {urn: $urn}) SET m.format = "v0"', { urn });
    expect((await gql(`query($u: ID!) { capsule(urn: $u) { tags { name } } }`, { u: urn })).capsule.tags).not.toEqual([{ name: 'planted' }]);
    expect(await rebuildMissingReadModels(helix.exec)).toBe(1);
    await expectModelsEqualGraph();
  });

  it('keeps them equal to the graph through a re-ingestion that changes a column, a tag and a test and removes a column', async () => {
    const m = JSON.parse(readFileSync(manifest(), 'utf8'));
    const stg = m.nodes['model.shop.stg_orders'];
    stg.columns.amount.tags = ['finance'];
    stg.columns.order_id.tags = [];
    m.nodes['test.shop.not_null_stg_orders_order_id.1a2b3c'].config.severity = 'warn';
    delete m.nodes['model.shop.orders.v2'].columns.amount;
    writeFileSync(manifest(), JSON.stringify(m));
    const catalog = JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8'));
    catalog.nodes['model.shop.stg_orders'].columns.AMOUNT.type = 'NUMBER(12,2)';
    writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(catalog));
    await runDbtIngest(helix.exec, dir, {});
    const urn = await stgOrders();
    expect(await columnOf(urn, 'amount')).toMatchObject({ dataType: 'NUMBER(12,2)', tags: [{ name: 'finance' }] });
    expect((await columnOf(urn, 'order_id'))?.tests).toEqual([expect.objectContaining({ severity: expect.stringMatching(/warn/i) })]);
    await expectModelsEqualGraph();
  });

  it('keeps them equal through addTag and removeTag on a capsule and on a column, and PII propagation', async () => {
    const urn = await stgOrders();
    const column = (await gql(`query($u: ID!) { capsule(urn: $u) { columns { urn } } }`, { u: urn })).capsule.columns[0].urn;
    for (const target of [urn, column]) {
      await gql('mutation($u: ID!) { addTag(urn: $u, tag: "gold") { urn } }', { u: target });
      await expectModelsEqualGraph();
      await gql('mutation($u: ID!) { removeTag(urn: $u, tag: "gold") { urn } }', { u: target });
      await expectModelsEqualGraph();
    }
    await refreshPii(helix.exec, {});
    await expectModelsEqualGraph();
  });

  it('never keeps a model built before a concurrent write commits, whichever locks the capsule first', async () => {
    const urn = await stgOrders();
    const rebuild = helix.exec.registry.get('read-models/rebuild-capsule-read-models');
    const addTag = (tag: string) => gql('mutation($u: ID!, $t: String!) { addTag(urn: $u, tag: $t) { urn } }', { u: urn, t: tag });
    // 1. A rebuild holds the capsule's lock, having read the graph without the tag; addTag's invalidation waits for it
    //    and then removes the model the rebuild wrote.
    const session = helix.driver.session();
    const tx = session.beginTransaction();
    try {
      await tx.run(rebuild, { urns: [urn], keys: READ_MODEL_KEYS, format: READ_MODEL_FORMAT });
      const writing = addTag('concurrent-a');
      await new Promise((r) => setTimeout(r, 300));
      await tx.commit();
      await writing;
    } finally {
      await session.close();
    }
    await expectModelsEqualGraph();
    // 2. A write holds the lock (its invalidation ran, the tag edge is written, not committed); a rebuild waits and
    //    then reads the committed graph, tag included.
    const writer = helix.driver.session();
    const wtx = writer.beginTransaction();
    try {
      await wtx.run(helix.exec.registry.get('read-models/invalidate-capsule-read-models'), { urns: [urn] });
      await wtx.run(helix.exec.registry.get('metadata/add-tag'), { urn, tag: 'concurrent-b', tagUrn: tagUrn('concurrent-b') });
      const rebuilding = rebuildReadModelsOf(helix.exec, [urn]);
      await new Promise((r) => setTimeout(r, 300));
      await wtx.commit();
      await rebuilding;
    } finally {
      await writer.close();
    }
    expect((await gql(`query($u: ID!) { capsule(urn: $u) { tags { name } } }`, { u: urn })).capsule.tags).toContainEqual({ name: 'concurrent-b' });
    await expectModelsEqualGraph();
  });
});
