import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../../../src/cli/progress.js';

/** Modules loaded before any command runs: the static (non-type) imports reachable from the CLI entry point. */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(path.resolve(entry));
  return { files, packages };
}

describe('helix --version and --help stay instant', () => {
  it('load no server, driver, schema or config code before a command runs (each command imports its own)', () => {
    const { files, packages } = staticClosure('src/cli/main.ts');
    for (const heavy of ['neo4j-driver', 'graphql', 'graphql-yoga', '@graphql-tools/schema', 'ioredis', 'pino', 'zod', 'stream-json']) {
      expect([...packages]).not.toContain(heavy);
    }
    const rel = [...files].map((f) => path.relative(process.cwd(), f));
    expect(rel.filter((f) => /^src\/(app|graphql|http|db\/driver|db\/executor|config)\//.test(f) || f.startsWith('ingest/core'))).toEqual([]);
  });
});

describe('ingestion progress when stderr is not a terminal', () => {
  it('writes a first line, then at most one per interval, and the final one', () => {
    const out: string[] = [];
    const p = progressBar('ingest dbt', { tty: false, intervalMs: 60_000, write: (s) => void out.push(s) });
    p(10, 100, 'graph items (nodes)');
    p(50, 100, 'graph items (nodes)');
    p(100, 100, 'graph items (edges)');
    p(100, 100, 'graph items (edges)');
    expect(out).toEqual(['ingest dbt:  10% 10/100 graph items (nodes)\n', 'ingest dbt: 100% 100/100 graph items (edges)\n']);
  });

  it('shows a bare count when the total is unknown (streams)', () => {
    const out: string[] = [];
    progressBar('ingest openlineage', { tty: false, write: (s) => void out.push(s) })(200, 0, 'events read');
    expect(out).toEqual(['ingest openlineage: 200 events read\n']);
  });
});
