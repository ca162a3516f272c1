import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { SPECIAL, writeSpecialGraph } from '../../../integration/src/services/export/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'helix-export-cli-'));
let helix: HelixContext;

const helixCli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'export', ...args], {
    cwd: root,
    env: { ...process.env, NEO4J_URI: inject('neo4jUri'), REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 120_000,
  });

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  await writeSpecialGraph(helix);
});
afterAll(async () => helix?.close());

describe('helix export', () => {
  it('writes the file and prints a JSON summary; without --out the export goes to stdout', () => {
    const out = path.join(dir, 'shop.graphml');
    const r = helixCli('--format', 'graphml', '--namespace', 'shop', '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'graphml', nodes: 5, relationships: 5, elements: 10, out });
    expect(readFileSync(out, 'utf8')).toContain('</graphml>');
    expect(existsSync(`${out}.partial`)).toBe(false);

    const s = helixCli('--format', 'json', '--types', 'Tag');
    expect(s.status, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout.trim())).toMatchObject({ type: 'node', labels: ['Node', 'Tag'], properties: { name: SPECIAL } });
  });

  it('refuses bad options with exit 2 and the reason, writing nothing', () => {
    const out = path.join(dir, 'never.dot');
    const r = helixCli('--format', 'dot', '--lineage', 'urn:a', '--direction', 'HOW_MADE', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('BAD_USER_INPUT: lineage direction must be UPSTREAM, DOWNSTREAM or BOTH');
    expect(existsSync(out)).toBe(false);
  });
});
