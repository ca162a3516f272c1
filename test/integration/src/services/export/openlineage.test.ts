import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOpenLineage } from '../../../../../src/ingestion/openlineage.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { extraRoutes } from '../../../../../src/http/extra-routes.js';
import { createHttpServer } from '../../../../../src/http/server.js';
import { runIdOf } from '../../../../../src/services/export/formats/openlineage.js';
import { corpusPath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { exportText, SPECIAL } from './helpers.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;

let helix: HelixContext;
let server: Server;
let base: string;
let events: Array<Record<string, any>>;

/** The spec's own JSON schema (draft 2020-12) from the corpus: every exported line must be a valid RunEvent. */
function runEventValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const spec = JSON.parse(readFileSync(corpusPath('openlineage/schemas/OpenLineage.json'), 'utf8'));
  ajv.addSchema(spec);
  return ajv.compile({ $ref: `${spec.$id}#/$defs/RunEvent` });
}

const olNodes = async () => {
  const rows = await helix.exec.runText(
    "MATCH (n:Node) WHERE n:Run OR n:Job OR n:Dataset RETURN n.urn AS urn, [l IN labels(n) WHERE l IN ['Run','Job','Dataset']][0] AS kind, n.name AS name ORDER BY urn",
    {},
    'READ',
  );
  return rows as Array<{ urn: string; kind: string; name: string | null }>;
};

beforeAll(async () => {
  helix = await openTestHelix();
  server = createHttpServer(helix, extraRoutes(helix));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await resetGraph(helix);
  const dir = corpusPath('openlineage/events/compat-consumer-airflow');
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ event: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) }));
  await ingestOpenLineage(helix.exec, inputs);
  // A workflow run that never was an OpenLineage event: it is exported as one synthesized RunEvent.
  await helix.exec.runText(
    `CREATE (j:Node:Job {urn: 'urn:workflow:align', name: $special, kind: 'nextflow'})
     CREATE (r:Node:Run {urn: 'urn:nextflow:run:lucid_lamport', runId: 'lucid_lamport', kind: 'nextflow', status: 'completed',
       startedAt: '2024-03-01T10:00:00.000000Z', endedAt: '2024-03-01T11:00:00.000000Z'})
     CREATE (i:Node:File {urn: 'urn:file:reads.fq', name: 'reads.fq'})
     CREATE (o:Node:File {urn: 'urn:file:out.bam', name: $special})
     CREATE (r)-[:INSTANCE_OF]->(j) CREATE (r)-[:USED]->(i) CREATE (o)-[:WAS_GENERATED_BY]->(r)`,
    { special: SPECIAL },
  );
  events = (await exportText(helix, { format: 'openlineage' })).text.trimEnd().split('\n').map((l) => JSON.parse(l));
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await helix?.close();
});

describe('OpenLineage export', () => {
  it('every line is a RunEvent valid against the OpenLineage JSON schema', () => {
    const validate = runEventValidator();
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) expect(validate(e) ? [] : validate.errors).toEqual([]);
  });

  it('a run from another source is one event with its state, job, inputs and outputs', () => {
    const e = events.find((x) => x.run.runId === runIdOf('urn:nextflow:run:lucid_lamport', 'lucid_lamport'))!;
    expect(e).toMatchObject({
      eventType: 'COMPLETE',
      eventTime: '2024-03-01T11:00:00.000000Z',
      job: { namespace: 'nextflow', name: SPECIAL },
      inputs: [{ namespace: 'helix', name: 'reads.fq' }],
      outputs: [{ namespace: 'helix', name: SPECIAL }],
    });
  });

  it('replayed into an empty Helix through POST /api/v1/lineage, it recreates the same runs, jobs and datasets', async () => {
    const before = await olNodes();
    await resetGraph(helix);
    for (const e of events) {
      const res = await fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(e) });
      expect(res.status).toBe(201);
    }
    const after = await olNodes();
    const ol = (rows: typeof before) => rows.filter((r) => r.urn.startsWith('urn:ol:'));
    const missing = ol(before).filter((b) => !after.some((a) => a.urn === b.urn && a.kind === b.kind && a.name === b.name));
    expect(missing).toEqual([]);
    // The workflow run comes back as an OpenLineage run of the same job and files (the only new nodes).
    const extra = after.filter((a) => !before.some((b) => b.urn === a.urn));
    expect(extra.map((r) => `${r.kind}:${r.name}`).sort()).toEqual(['Run:null', `Job:${SPECIAL}`, 'Dataset:reads.fq', `Dataset:${SPECIAL}`].sort());
    expect(extra.find((r) => r.kind === 'Run')!.urn).toBe(`urn:ol:run:${runIdOf('urn:nextflow:run:lucid_lamport', 'lucid_lamport')}`);
  });
});
