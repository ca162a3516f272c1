import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { runDbtIngest } from '../../../../../src/ingestion/dbt.js';
import { runOpenLineageIngest } from '../../../../../src/ingestion/openlineage-files.js';
import { ingestOpenLineage } from '../../../../../src/ingestion/openlineage.js';
import { runImputationIngest, runNextflowIngest, runProvIngest, runRoCrateIngest, runStrategiesIngest } from '../../../../../src/ingestion/provenance.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { fixturePath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { graphqlClient, strictClient } from '../bio/helpers.js';

/** An OpenLineage run that reads a dbt model (by its physical table) and writes a table of its own. */
export const CROSS_RUN_ID = '0190b0c0-0000-7000-8000-00000000c0de';
export const CROSS_OUTPUT = 'urn:ol:dataset:postgres://db:5432:analytics.exports.orders_export';
export const DBT_INPUT = 'urn:dbt:shop:model.shop.stg_orders';

export function crossWorldEvents() {
  const base = {
    run: { runId: CROSS_RUN_ID },
    job: { namespace: 'warehouse-sync', name: 'export_orders' },
    inputs: [{ namespace: 'postgres://db:5432', name: 'analytics.main.stg_orders' }],
    outputs: [{ namespace: 'postgres://db:5432', name: 'analytics.exports.orders_export' }],
    producer: 'https://example.org/helix-tests',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  };
  return [
    { ...base, eventType: 'START', eventTime: '2024-10-01T06:00:00Z' },
    { ...base, eventType: 'COMPLETE', eventTime: '2024-10-01T06:05:00Z' },
  ];
}

/** Every provenance fixture through its real ingester, the dbt shop project, and a run that crosses both worlds. */
export async function ingestProvenanceFixtures(helix: HelixContext): Promise<void> {
  const crate = mkdtempSync(path.join(os.tmpdir(), 'helix-crate-'));
  try {
    copyFileSync(fixturePath('provenance/rocrate/run-crate.json'), path.join(crate, 'ro-crate-metadata.json'));
    const reports = [
      await runDbtIngest(helix.exec, fixturePath('dbt/v12-shop'), {}),
      await runStrategiesIngest(helix.exec, fixturePath('provenance/strategies'), {}),
      await runImputationIngest(helix.exec, fixturePath('provenance/imputation'), {}),
      await runRoCrateIngest(helix.exec, crate, {}),
      await runProvIngest(helix.exec, fixturePath('provenance/prov'), {}),
      await runNextflowIngest(helix.exec, fixturePath('provenance/nextflow'), {}),
      await runOpenLineageIngest(helix.exec, fixturePath('provenance/openlineage'), {}),
    ];
    for (const r of reports) expect(r.status).toBe('completed');
    const cross = await ingestOpenLineage(helix.exec, crossWorldEvents().map((event) => ({ event })));
    expect(cross.rejected).toEqual([]);
  } finally {
    rmSync(crate, { recursive: true, force: true });
  }
}

/** A file's graph: every provenance fixture in an empty graph, with a strict and a raw GraphQL client. */
export async function openProvenanceGraph() {
  const helix = await openTestHelix();
  await resetGraph(helix);
  await ingestProvenanceFixtures(helix);
  return { helix, gql: strictClient(helix), raw: graphqlClient(helix) };
}
