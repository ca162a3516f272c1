import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Tests are found from the code they test (issue #15, ARCHITECTURE.md "Tests"): a file of a test tier lives at
 * `test/<tier>/<code folder>/<name>`, where `<code folder>` is an existing folder of the repo under one of the code
 * roots (`test/unit/ingest/dbt/map/conventions.test.ts` tests `ingest/dbt/map/`). Helpers and data files beside the
 * tests follow the same rule. test/support and test/fixtures are shared and stay as they are.
 *
 * A file at a wrong place is listed with the reason; move it (and fix every path to and from it) with the codemod
 * kept with the notes (relocate-tests.mjs: `old new` pairs, git mv, imports and location-based paths rewritten).
 * The old-layout paths below are on purpose (relocate-tests: keep-paths).
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The tiers: each has its vitest config and setup (vitest.unit.config.ts, vitest.config.ts, vitest.corpus.config.ts). */
const TIERS = ['unit', 'integration', 'e2e', 'corpus'];
/** Shared test folders outside the rule. */
const SHARED = ['support', 'fixtures'];
/** Top-level folders holding code that tests can mirror. */
const CODE_ROOTS = ['src', 'ingest', 'bench', 'cypher', 'schema', 'docker', 'neo4j'];
/** Files allowed directly in a tier folder: tests of the repository as a whole, each with its reason. */
const AT_TIER_ROOT: Record<string, string> = {
  'unit/dependency-rules.test.ts': 'the import rules of the whole repo (.dependency-cruiser.cjs at the root)',
  'unit/test-layout.test.ts': 'this test: the layout of test/ itself',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** Every test-tree file of `root` that breaks the rule, as "path: reason" (paths relative to root, '/'-separated). */
export function layoutOffenders(root: string): string[] {
  const testDir = path.join(root, 'test');
  const out: string[] = [];
  for (const entry of readdirSync(testDir, { withFileTypes: true })) {
    if (SHARED.includes(entry.name)) continue;
    if (!entry.isDirectory()) {
      out.push(`test/${entry.name}: not in a tier folder (test/${TIERS.join('|')}/)`);
      continue;
    }
    if (!TIERS.includes(entry.name)) {
      for (const f of filesUnder(path.join(testDir, entry.name)))
        out.push(`${path.relative(root, f).split(path.sep).join('/')}: test/${entry.name}/ is not a tier (${TIERS.join(', ')}) nor a shared folder`);
      continue;
    }
    for (const f of filesUnder(path.join(testDir, entry.name))) {
      const inTier = path.relative(path.join(testDir, entry.name), f).split(path.sep).join('/');
      const rel = `test/${entry.name}/${inTier}`;
      const folder = path.posix.dirname(inTier);
      if (folder === '.') {
        if (!(`${entry.name}/${inTier}` in AT_TIER_ROOT)) out.push(`${rel}: directly in the tier folder; put it under the code folder it tests (test/${entry.name}/<code folder>/)`);
        continue;
      }
      const top = folder.split('/')[0]!;
      if (!CODE_ROOTS.includes(top)) out.push(`${rel}: "${folder}/" does not start with a code root (${CODE_ROOTS.join(', ')})`);
      else if (!isDir(path.join(root, folder))) out.push(`${rel}: "${folder}/" is not an existing folder of the repo`);
    }
  }
  return out.sort();
}

describe('test layout mirrors the code', () => {
  it('every file of test/<tier>/ lives under test/<tier>/<existing code folder>/', () => {
    // The list is the message: each offender with its reason.
    expect(layoutOffenders(repo)).toEqual([]);
  });

  it('names the offenders of a tree in the old layout, and accepts the mirrored one', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'helix-layout-'));
    const file = (rel: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), '');
    };
    for (const dir of ['src/services/lineage', 'ingest/dbt/map']) mkdirSync(path.join(root, dir), { recursive: true });
    // mirrored: accepted
    file('test/unit/ingest/dbt/map/conventions.test.ts');
    file('test/integration/src/services/lineage/helpers.ts');
    file('test/unit/dependency-rules.test.ts');
    file('test/support/graph.ts');
    file('test/fixtures/dbt/v12-shop/manifest.json');
    // offenders (names that were never moved: relocate-tests.mjs rewrites mentions of moved paths)
    file('test/unit/dbt/new-format.test.ts');
    file('test/integration/new-api.test.ts');
    file('test/unit/ingest/dbt/nowhere/x.test.ts');
    file('test/perf/slow.test.ts');
    file('test/loose.test.ts');
    file('test/e2e/docs/readme.test.ts');
    expect(layoutOffenders(root)).toEqual([
      'test/e2e/docs/readme.test.ts: "docs/" does not start with a code root (src, ingest, bench, cypher, schema, docker, neo4j)',
      'test/integration/new-api.test.ts: directly in the tier folder; put it under the code folder it tests (test/integration/<code folder>/)',
      'test/loose.test.ts: not in a tier folder (test/unit|integration|e2e|corpus/)',
      'test/perf/slow.test.ts: test/perf/ is not a tier (unit, integration, e2e, corpus) nor a shared folder',
      'test/unit/dbt/new-format.test.ts: "dbt/" does not start with a code root (src, ingest, bench, cypher, schema, docker, neo4j)',
      'test/unit/ingest/dbt/nowhere/x.test.ts: "ingest/dbt/nowhere/" is not an existing folder of the repo',
    ]);
  });

  it('every tier is collected by a vitest config (a test moved under a tier still runs)', async () => {
    const configs = await Promise.all(
      ['vitest.config.ts', 'vitest.unit.config.ts', 'vitest.corpus.config.ts'].map(
        async (c) => (await import(path.join(repo, c))).default as { test: { include?: string[]; projects?: Array<{ test: { include: string[] } }> } },
      ),
    );
    // A config collects its own includes and those of its projects (vitest.config.ts: `unit` and `graph`).
    const includes = configs.flatMap((c) => [...(c.test.include ?? []), ...(c.test.projects ?? []).flatMap((p) => p.test.include)]);
    for (const tier of TIERS) expect(includes).toContain(`test/${tier}/**/*.test.ts`);
  });

  it('corpus parse files (run two at a time, vitest.corpus.config.ts) never open the test graph', () => {
    const parse = filesUnder(path.join(repo, 'test/corpus')).filter((f) => f.endsWith('.parse.test.ts'));
    expect(parse.length).toBeGreaterThan(0);
    const offenders = parse.filter((f) => /support\/graph\.js|\binject\(|openHelix|startLocalNeo4j/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(repo, f))).toEqual([]);
  });
});
