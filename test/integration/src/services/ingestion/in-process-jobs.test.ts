import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { strictClient } from '../../../../support/graphql-client.js';
import { waitFor } from '../../../../support/wait-for.js';

/**
 * A server without Redis (HELIX_JOB_RUNNER=process) keeps running its jobs itself, through the same lifecycle as
 * a worker: a queued job is cancelled at once, and a server that stops mid-ingestion leaves its record `failed`
 * with the way to continue it (not `running` forever); `resume` then continues from the checkpoint.
 */
const GENES = 3000;
let dir: string;
const opened: HelixContext[] = [];

async function open(): Promise<{ helix: HelixContext; gql: ReturnType<typeof strictClient> }> {
  const helix = await openTestHelix({ HELIX_JOB_RUNNER: 'process', HELIX_INGEST_ROOTS: dir, HELIX_INGEST_CONCURRENCY: '1' });
  opened.push(helix);
  return { helix, gql: strictClient(helix) };
}

const START = `mutation($input: StartIngestionInput!) { startIngestion(input: $input) { id status queue } }`;
const INGESTION = `query($id: ID!) { ingestion(id: $id) { status error position report queue } }`;
const input = (extra: Record<string, unknown> = {}) => ({ kind: 'annotations', path: 'kidney_gene_annotations.jsonl', format: 'kidney-annotation-api', ...extra });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'helix-inproc-'));
  const lines = Array.from({ length: GENES }, (_, k) => {
    const i = k + 1;
    return JSON.stringify({
      gene: { id: i, symbol: `GENE${i}`, hgnc_id: `HGNC:${100000 + i}` },
      annotations: { gnomad: [{ version: 'v4.1', data: { pli: (i % 97) / 97 }, updated_at: '2024-06-01T00:00:00Z' }] },
    });
  });
  writeFileSync(path.join(dir, 'kidney_gene_annotations.jsonl'), `${lines.join('\n')}\n`);
});
afterAll(async () => {
  for (const h of opened) await h.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the in-process runner (no Redis)', () => {
  it('cancels a queued job at once; a server stopped mid-ingestion leaves it failed and resumable, never running', async () => {
    const first = await open();
    await resetGraph(first.helix);
    const { startIngestion: a } = await first.gql(START, { input: input() });
    expect(a).toMatchObject({ status: 'queued', queue: 'process' });
    // Concurrency 1: the second waits behind the first and is taken off the queue by the cancel.
    const { startIngestion: b } = await first.gql(START, { input: input() });
    const { cancelIngestion } = await first.gql(`mutation($id: ID!) { cancelIngestion(id: $id) { status } }`, { id: b.id });
    expect(cancelIngestion.status).toBe('cancelled');

    const running = await waitFor('a checkpoint', async () => {
      const { ingestion } = await first.gql(INGESTION, { id: a.id });
      return ingestion.status === 'running' && ingestion.position > 0 ? ingestion : undefined;
    });
    expect(running.position).toBeLessThan(GENES);
    await first.helix.close();
    opened.pop();

    const second = await open();
    const { ingestion: stopped } = await second.gql(INGESTION, { id: a.id });
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toContain(`resume: "${String(a.id).split(':').pop()}"`);
    expect(stopped.position).toBeGreaterThan(0);
    expect((await second.gql(INGESTION, { id: b.id })).ingestion.status).toBe('cancelled');

    const { startIngestion: resumed } = await second.gql(START, { input: input({ resume: String(a.id).split(':').pop() }) });
    expect(resumed.id).toBe(a.id);
    const done = await waitFor('the resumed ingestion', async () => {
      const { ingestion } = await second.gql(INGESTION, { id: a.id });
      return ingestion.status !== 'queued' && ingestion.status !== 'running' ? ingestion : undefined;
    });
    expect(done.status).toBe('completed');
    expect(done.report.stats.resumedFrom).toBe(1);
    expect(done.report.stats.records).toBe(GENES - stopped.position);
  }, 600_000);
});
