import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReadError, readJsonSections } from '../../../../ingest/common/json-sections.js';
import { visitSections, type SectionHandlers } from '../../../../ingest/common/json-sections.js';

function tempFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'helix-dbt-')), 'doc.json');
  writeFileSync(file, text);
  return file;
}

function recorder(modes: SectionHandlers['modes']) {
  const seen = { values: {} as Record<string, unknown>, entries: [] as Array<[string, string, unknown]>, keys: [] as string[] };
  const handlers: SectionHandlers = {
    modes,
    onValue: (s, v) => (seen.values[s] = v),
    onEntry: (s, k, v) => seen.entries.push([s, k, v]),
    onKey: (s, k) => seen.keys.push(`${s}:${k}`),
  };
  return { seen, handlers };
}

const DOC = {
  metadata: { v: 1, nested: { a: [1, 2] } },
  nodes: { 'model.a': { name: 'a', cols: { x: {} } }, 'model.b': { name: 'b' } },
  macros: { 'macro.pkg.m': { sql: 'big' }, 'macro.dbt.n': { sql: 'big' } },
  docs: { 'doc.x': { block: 'skipped' } },
  results: [{ id: 1 }, { id: 2 }],
  disabled: null,
  elapsed: 1.5,
};
const MODES: SectionHandlers['modes'] = { metadata: 'value', nodes: 'entries', macros: 'keys', results: 'entries', disabled: 'entries', elapsed: 'value' };

describe('reading top-level sections', () => {
  it('streams a file: whole values, entries one by one, keys only, unknown sections skipped', async () => {
    const { seen, handlers } = recorder(MODES);
    const report = await readJsonSections(tempFile(JSON.stringify(DOC, null, 2)), handlers);
    expect(report.count).toBe(0);
    expect(seen.values).toEqual({ metadata: DOC.metadata, disabled: null, elapsed: 1.5 });
    expect(seen.entries).toEqual([
      ['nodes', 'model.a', DOC.nodes['model.a']],
      ['nodes', 'model.b', DOC.nodes['model.b']],
      ['results', '0', { id: 1 }],
      ['results', '1', { id: 2 }],
    ]);
    expect(seen.keys).toEqual(['macros:macro.pkg.m', 'macros:macro.dbt.n']);
  });

  it('gives the same answer for an object already in memory', () => {
    const { seen, handlers } = recorder(MODES);
    visitSections(DOC, handlers);
    expect(seen.entries.map(([s, k]) => `${s}/${k}`)).toEqual(['nodes/model.a', 'nodes/model.b', 'results/0', 'results/1']);
    expect(seen.keys).toHaveLength(2);
    expect(seen.values).toEqual({ metadata: DOC.metadata, disabled: null, elapsed: 1.5 });
  });

  it('reads bare NaN in a file and reports where the first one is', async () => {
    const { seen, handlers } = recorder({ metadata: 'value' });
    const report = await readJsonSections(tempFile('{\n"metadata": {\n"x": NaN\n}\n}'), handlers);
    expect(seen.values.metadata).toEqual({ x: null });
    expect(report).toEqual({ count: 1, firstLine: 3 });
  });

  it('rejects invalid JSON with the line of the error', async () => {
    const { handlers } = recorder(MODES);
    const error = await readJsonSections(tempFile('{\n"nodes": {\n"a": {,}\n}\n}'), handlers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonReadError);
    expect((error as JsonReadError).line).toBe(3);
  });

  it('rejects invalid JSON in a section it does not hand over, and a missing comma between entries, with the line', async () => {
    const { seen, handlers } = recorder({ nodes: 'entries' });
    const skipped = await readJsonSections(tempFile('{\n"docs": {\n"d": {"a": tru}\n},\n"nodes": {}\n}'), handlers).catch((e: unknown) => e);
    expect(skipped).toBeInstanceOf(JsonReadError);
    expect((skipped as JsonReadError).line).toBe(3);
    const comma = await readJsonSections(tempFile('{\n"nodes": {\n"a": {}\n"b": {}\n}\n}'), handlers).catch((e: unknown) => e);
    expect(comma).toBeInstanceOf(JsonReadError);
    expect((comma as JsonReadError).line).toBe(4);
    expect(seen.entries.map(([, k]) => k)).toEqual(['a']);
  });

  it('counts bare NaN anywhere, also in sections it skips, with the first line', async () => {
    const { seen, handlers } = recorder({ nodes: 'entries' });
    const report = await readJsonSections(tempFile('{\n"docs": {"x": [1,\nNaN]},\n"nodes": {"a": {"v": -Infinity}}\n}'), handlers);
    expect(report).toEqual({ count: 2, firstLine: 3 });
    expect(seen.entries).toEqual([['nodes', 'a', { v: null }]]);
  });

  it('rejects a truncated document and a document that is not an object', async () => {
    const { handlers } = recorder(MODES);
    await expect(readJsonSections(tempFile('{"nodes": {"a": {"name": "a"}'), handlers)).rejects.toBeInstanceOf(JsonReadError);
    await expect(readJsonSections(tempFile('[1, 2]'), handlers)).rejects.toThrow(/not a JSON object/);
  });
});
