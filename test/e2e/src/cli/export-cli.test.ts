import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { runHelix, testGraphEnv } from '../../../support/helix-cli.js';
import { SPECIAL, writeSpecialGraph } from '../../../integration/src/services/export/helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'helix-export-cli-'));
let helix: HelixContext;

const helixCli = (...args: string[]) => runHelix(['export', ...args], testGraphEnv({ LOG_LEVEL: 'error' }));

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
