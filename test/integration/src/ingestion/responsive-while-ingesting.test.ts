import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { writeSyntheticDbtProject } from '../../../../bench/synthetic-dbt.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { postGraphQL, startTestServer } from '../../../support/http-server.js';

/**
 * Security review of #12, finding 6: an ingestion started through the API once drove /health to 8 s. Ingestions run
 * in the server's own process (the in-process queue when no worker is configured), so parsing, mapping and writing
 * must leave the event loop free enough for health checks and queries to answer while they run.
 */
const MODELS = 1000;
let helix: HelixContext;
let server: Awaited<ReturnType<typeof startTestServer>>;
let roots: string;

beforeAll(async () => {
  roots = mkdtempSync(path.join(os.tmpdir(), 'helix-responsive-'));
  writeSyntheticDbtProject(path.join(roots, 'big'), MODELS);
  helix = await openTestHelix({ HELIX_INGEST_ROOTS: roots });
  await resetGraph(helix);
  server = await startTestServer(helix);
});
afterAll(async () => {
  await server?.close();
  await helix?.close();
});

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

describe('the server while an ingestion runs in it', () => {
  it(`answers /health and a query promptly throughout a ${MODELS}-model dbt ingestion`, async () => {
    const started = await postGraphQL(server.base, 'mutation { startIngestion(input: { kind: "dbt", path: "big" }) { id } }');
    expect(started.body.errors).toBeUndefined();
    const id = (started.body.data!.startIngestion as { id: string }).id;
    const health: number[] = [];
    const query: number[] = [];
    let status = 'queued';
    const t0 = performance.now();
    while (status === 'queued' || status === 'running') {
      health.push(await timed(async () => expect((await fetch(`${server.base}/health`)).status).toBe(200)));
      query.push(await timed(async () => expect((await postGraphQL(server.base, '{ graphInfo { graphVersion } }')).status).toBe(200)));
      const r = await postGraphQL(server.base, 'query($id: ID!) { ingestion(id: $id) { status } }', { id });
      status = (r.body.data!.ingestion as { status: string }).status;
      await new Promise((r) => setTimeout(r, 50));
      if (performance.now() - t0 > 600_000) throw new Error('ingestion did not finish in 10 minutes');
    }
    expect(status).toBe('completed');
    const worst = (xs: number[]) => Math.round(Math.max(...xs));
    // Enough probes to have sampled every phase (read, map, write), and none stalled by the ingestion.
    expect(health.length).toBeGreaterThan(10);
    console.log(`${health.length} probes over ${Math.round(performance.now() - t0)} ms; worst /health ${worst(health)} ms, worst query ${worst(query)} ms`);
    expect(worst(health)).toBeLessThan(2000);
    expect(worst(query)).toBeLessThan(5000);
  }, 600_000);
});
