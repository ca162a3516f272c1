import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { projectRoot } from '../../../../src/project-root.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { helixArgv } from '../../../support/helix-cli.js';

// The CLI as a user runs it (a child process, stderr not a terminal), against this run's test Neo4j and Redis.
const root = projectRoot();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'helix-cli-'));
const env = { ...process.env, NEO4J_URI: inject('neo4jUri'), REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'warn', HELIX_PROGRESS_INTERVAL_MS: '60000' };

function helix(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, helixArgv(...args), {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const h = await openTestHelix();
  await resetGraph(h);
  await h.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('helix serve on a taken port', () => {
  it('names the port and how to choose another, exits 2, without a stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      for (const run of [helix(['serve'], { HELIX_PORT: String(port) }), helix(['serve', '--port', String(port)])]) {
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(`port ${port}`);
        expect(run.stderr).toContain('HELIX_PORT');
        expect(run.stderr).toContain('--port');
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
      }
    } finally {
      blocker.close();
    }
  });
});

describe('helix ingest dbt path/to/manifest.json', () => {
  it('reads catalog.json and run_results.json beside the manifest, and shows progress on a non-terminal stderr', () => {
    const dir = path.join(tmp, 'target');
    rmSync(dir, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', dir]);
    for (const f of ['manifest.json', 'catalog.json', 'run_results.json']) copyFileSync(path.join(root, 'src/demo/data/jaffle_shop/target', f), path.join(dir, f));
    const run = helix(['ingest', 'dbt', path.join(dir, 'manifest.json'), '--namespace', 'cli_manifest']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/TestResult: created 5/);
    expect(run.stdout).toMatch(/RunResult: created 5/);
    // Catalog types reached the columns.
    expect(run.stdout).toMatch(/Column: created \d+/);
    // Progress: a first line and a final one whose count equals its total.
    const progress = run.stderr.split('\n').filter((l) => l.startsWith('ingest dbt: '));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const last = /100% (\d+)\/(\d+) graph items/.exec(progress.at(-1)!);
    expect(last && last[1] === last[2]).toBe(true);
  });
});

describe('helix ingest openlineage', () => {
  it('refuses a file over HELIX_INGEST_MAX_FILE_BYTES like startIngestion: exit 2, one clear line, nothing written (#12)', async () => {
    const dir = mkdtempSync(path.join(tmp, 'big-'));
    const manifest = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'bigcli' }, nodes: { 'model.bigcli.m': { resource_type: 'model', name: 'm', description: 'x'.repeat(100 * 1024) } } };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    for (const target of [path.join(dir, 'manifest.json'), dir]) {
      const run = helix(['ingest', 'dbt', target, '--namespace', 'bigcli'], { HELIX_INGEST_MAX_FILE_BYTES: String(64 * 1024) });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/manifest\.json has \d+ bytes, more than the 65536 .*HELIX_INGEST_MAX_FILE_BYTES/);
    }
    // A catalog beside a small manifest is read too, so it is measured too.
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, nodes: {} }));
    writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ nodes: {}, pad: 'y'.repeat(100 * 1024) }));
    const sibling = helix(['ingest', 'dbt', path.join(dir, 'manifest.json'), '--namespace', 'bigcli'], { HELIX_INGEST_MAX_FILE_BYTES: String(64 * 1024) });
    expect(sibling.status).toBe(2);
    expect(sibling.stderr).toMatch(/catalog\.json has \d+ bytes/);
    const h = await openTestHelix();
    try {
      const rows = await h.exec.runText("MATCH (n) WHERE n.urn STARTS WITH 'urn:dbt:bigcli' RETURN count(n) AS n", {}, 'READ');
      expect(Number(rows[0]!.n)).toBe(0);
      const records = await h.exec.runText("MATCH (i:Ingestion) WHERE i.scope CONTAINS 'bigcli' RETURN count(i) AS n", {}, 'READ');
      expect(Number(records[0]!.n)).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('fails a file that is not JSON at all with one clear error and a non-zero exit', () => {
    const file = path.join(tmp, 'notes.json');
    writeFileSync(file, 'these are some notes and certainly not OpenLineage events\nsecond line of words\n');
    const run = helix(['ingest', 'openlineage', file, '--json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe('failed');
    expect(report.error).toBe(`${file} is not OpenLineage JSON or NDJSON`);
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]).toMatchObject({ severity: 'error', code: 'OL_FILE_NOT_JSON', file, line: 1 });
    expect(report.write.nodes.created).toBe(0);
  });

  it('keeps the good events of a file with bad lines and shows the bad lines with file and line', () => {
    const file = path.join(tmp, 'events.ndjson');
    const [start, complete] = readFileSync(path.join(root, 'src/demo/data/openlineage/daily_load.ndjson'), 'utf8').trim().split('\n');
    writeFileSync(file, `${start}\n{"eventType": "COMPLETE", broken\n${complete}\nnot json either\n`);
    const run = helix(['ingest', 'openlineage', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ingestion \S+ completed/);
    expect(run.stdout).toContain('issues: error:OL_UNREADABLE 2');
    expect(run.stdout).toContain(`error OL_UNREADABLE ${file}:2: `);
    expect(run.stdout).toContain(`error OL_UNREADABLE ${file}:4: `);
    expect(run.stdout).toMatch(/accepted: 2/);
    expect(run.stdout).toMatch(/unreadable: 2/);
  });
});
