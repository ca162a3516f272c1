import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { startLocalNeo4j, stopLocalNeo4j } from '../../../../../src/local-neo4j/local-neo4j.js';
import { TEST_NEO4J_HOME } from '../../../../support/global-setup.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';

/**
 * Fault review of issue #16: "Neo4j stopped during API ingestions: records left running/queued forever". The test
 * stops this run's own test Neo4j while a background ingestion runs and starts it again on the same port: the
 * ingestion retries (transient failures only) and completes, its record never stays `running`, and the graph holds
 * every record exactly once.
 */
const GENES = 3000;
let dir: string;
let helix: HelixContext;
const ownInstance = () => !process.env.NEO4J_URI;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'helix-neo4j-down-'));
  const lines = Array.from({ length: GENES }, (_, k) =>
    JSON.stringify({
      gene: { id: k + 1, symbol: `GENE${k + 1}`, hgnc_id: `HGNC:${100000 + k + 1}` },
      annotations: { gnomad: [{ version: 'v4.1', data: { pli: ((k + 1) % 97) / 97 }, updated_at: '2024-06-01T00:00:00Z' }] },
    }),
  );
  writeFileSync(path.join(dir, 'kidney_gene_annotations.jsonl'), `${lines.join('\n')}\n`);
  helix = await openTestHelix({ HELIX_JOB_RUNNER: 'process', HELIX_INGEST_ROOTS: dir });
  await resetGraph(helix);
});
afterAll(async () => {
  await helix?.close();
  rmSync(dir, { recursive: true, force: true });
});

const status = async (id: string) => {
  try {
    const [row] = await helix.exec.runText('MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.position AS position, i.retries AS retries', { id }, 'READ');
    return row as { status: string; position: number; retries: number | null } | undefined;
  } catch {
    return undefined; // Neo4j is away
  }
};

describe('Neo4j stopped during a background ingestion', () => {
  it.runIf(ownInstance())('retries and completes once Neo4j is back; the record never stays running', async () => {
    const port = Number(new URL(inject('neo4jUri').replace('bolt://', 'http://')).port);
    const started = await helix.ingestionJobs.start({ kind: 'annotations', path: 'kidney_gene_annotations.jsonl', format: 'kidney-annotation-api' });
    for (;;) {
      const r = await status(started.id);
      if (r && r.status === 'running' && Number(r.position) > 0) break;
      expect(r?.status).not.toBe('completed');
      await new Promise((res) => setTimeout(res, 50));
    }
    const downAt = Date.now();
    try {
      await stopLocalNeo4j(TEST_NEO4J_HOME);
      await new Promise((res) => setTimeout(res, 2000));
    } finally {
      await startLocalNeo4j({ home: TEST_NEO4J_HOME, port, heap: '2g', pagecache: '512m' });
    }
    const downMs = Date.now() - downAt;
    let end: Awaited<ReturnType<typeof status>>;
    for (let i = 0; ; i++) {
      end = await status(started.id);
      if (end && end.status !== 'running' && end.status !== 'queued') break;
      if (i > 3000) throw new Error('the ingestion never ended after Neo4j came back');
      await new Promise((res) => setTimeout(res, 100));
    }
    process.stderr.write(`[neo4j-restart] Neo4j away ${downMs} ms; ingestion ended ${end!.status} after ${Date.now() - downAt} ms, retries ${end!.retries ?? 0}\n`);
    expect(end!.status).toBe('completed');
    const [row] = await helix.exec.runText('MATCH (a:Annotation) RETURN count(a) AS n, count(DISTINCT a.urn) AS distinct', {}, 'READ');
    expect(Number(row!.n)).toBe(GENES);
    expect(Number(row!.distinct)).toBe(GENES);
  }, 600_000);
});
