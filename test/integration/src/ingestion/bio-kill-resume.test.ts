import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { projectRoot } from '../../../../src/project-root.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { helixArgv } from '../../../support/helix-cli.js';
import { annotationGraphState, writeKidneyAnnotations } from '../../../support/kidney-annotations.js';

const GENES = 2000;
const root = projectRoot();
let helix: HelixContext;
let dir: string;
let file: string;

const env = () => ({ ...process.env, NEO4J_URI: inject('neo4jUri'), REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent' });
const cli = (args: string[]) => helixArgv('ingest', 'annotations', file, '--format', 'kidney-annotation-api', '--json', ...args);

const graphState = () => annotationGraphState(helix);

beforeAll(async () => {
  helix = await openTestHelix();
  dir = mkdtempSync(path.join(os.tmpdir(), 'helix-kill-'));
  file = path.join(dir, 'kidney_gene_annotations.jsonl');
  writeKidneyAnnotations(file, GENES, { gnomadV40: true });
});
afterAll(async () => {
  await helix?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('annotation ingestion killed mid-way', () => {
  it('resumes from its last checkpoint and ends equal to a clean run: nothing lost, nothing duplicated', async () => {
    await resetGraph(helix);
    const clean = spawnSync(process.execPath, cli([]), { cwd: root, env: env(), encoding: 'utf8', timeout: 600_000 });
    expect(clean.status, clean.stderr).toBe(0);
    const expected = await graphState();
    expect(expected.annotations.length).toBe(GENES * 3);

    await resetGraph(helix);
    const child = spawn(process.execPath, cli([]), { cwd: root, env: env(), stdio: 'ignore' });
    let position = 0;
    let id = '';
    for (let i = 0; i < 1200 && position < GENES / 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await helix.exec.runText("MATCH (i:Ingestion {kind: 'annotations'}) RETURN i.id AS id, i.position AS p", {}, 'READ');
      position = Number(row?.p ?? 0);
      id = String(row?.id ?? '');
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(GENES);
    const partial = await graphState();
    expect(partial.annotations.length).toBeLessThan(expected.annotations.length);

    const resumed = spawnSync(process.execPath, cli(['--resume', id]), { cwd: root, env: env(), encoding: 'utf8', timeout: 600_000 });
    expect(resumed.status, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout);
    expect(report.id).toBe(id);
    expect(report.stats.records).toBeLessThan(GENES);
    expect(await graphState()).toEqual(expected);
  }, 900_000);
});
