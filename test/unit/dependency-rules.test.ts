import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint` enforces ARCHITECTURE.md's import rules with dependency-cruiser. This test runs the very command of
 * package.json's lint script: on the repository it passes; on a small tree that breaks each rule it fails and names
 * the rule. The exceptions list stays short and explained.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = path.join(repo, '.dependency-cruiser.cjs');
const lintScript: string = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).scripts.lint;
const depcruiseStep = lintScript.split('&&').map((s) => s.trim()).find((s) => s.startsWith('depcruise '));
const bin = path.join(repo, 'node_modules/.bin/depcruise');

function depcruise(cwd: string) {
  const args = depcruiseStep!.split(/\s+/).slice(1).map((a) => (a === '.dependency-cruiser.cjs' ? config : a));
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

const trees: string[] = [];
/** A throw-away tree of the repository's shape: { 'path/file.ts': 'source' }. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-depcruise-'));
  trees.push(dir);
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }));
  for (const [file, text] of Object.entries({ 'ingest/core/graph.ts': 'export type Props = Record<string, unknown>;\n', 'src/db/executor.ts': 'export const read = 1;\n', ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
afterAll(() => trees.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run lint: import rules (dependency-cruiser)', () => {
  it('is part of the lint script', () => {
    expect(depcruiseStep).toMatch(/^depcruise src ingest --config \.dependency-cruiser\.cjs/);
  });

  it('passes on the repository', () => {
    const r = depcruise(repo);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  }, 120_000);

  // One tree, one breach of each rule (one run: depcruise takes seconds to start).
  const breaches: Record<string, Record<string, string>> = {
    'no-sibling-source': { 'ingest/alpha/a.ts': "import { b } from '../beta/b.js';\nexport const a = b;\n", 'ingest/beta/b.ts': 'export const b = 1;\n' },
    'ingest-never-imports-src': { 'ingest/gamma/g.ts': "import { read } from '../../src/db/executor.js';\nexport const g = read;\n" },
    'common-is-the-bottom-of-ingest': { 'ingest/common/c.ts': "import { b } from '../beta/b.js';\nexport const c = b;\n" },
    'resolvers-through-services': { 'src/graphql/resolvers/r.ts': "import { read } from '../../db/executor.js';\nexport const r = read;\n" },
    'db-is-the-bottom': { 'src/db/q.ts': "import { s } from '../services/s.js';\nexport const q = s;\n", 'src/services/s.ts': 'export const s = 1;\n' },
    'services-never-import-graphql': { 'src/services/t.ts': "import { g } from '../graphql/g.js';\nexport const t = g;\n", 'src/graphql/g.ts': 'export const g = 1;\n' },
    'no-circular': {
      'src/services/one.ts': "import { two } from './two.js';\nexport const one = (): number => two();\n",
      'src/services/two.ts': "import { one } from './one.js';\nexport const two = (): number => one();\n",
    },
  };
  let broken: { status: number | null; out: string };

  it.each(Object.keys(breaches))('fails on a breach of %s', (ruleName) => {
    broken ??= depcruise(tree(Object.assign({}, ...Object.values(breaches))));
    expect(broken.status).not.toBe(0);
    expect(broken.out).toContain(`error ${ruleName}:`);
  }, 60_000);

  it('has at most five exceptions, each with its reason', () => {
    const { EXCEPTIONS } = createRequire(import.meta.url)(config) as { EXCEPTIONS: Array<{ rule: string; from: string; to: string; reason: string }> };
    expect(EXCEPTIONS.length).toBeLessThanOrEqual(5);
    for (const e of EXCEPTIONS) {
      expect(e.reason.length).toBeGreaterThan(30);
      expect(e.rule && e.from && e.to).toBeTruthy();
    }
  });
});
