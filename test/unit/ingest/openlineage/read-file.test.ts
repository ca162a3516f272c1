import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenLineageFile } from '../../../../ingest/openlineage/index.js';
import { fixturePath } from '../../../support/corpus.js';

async function collect(file: string) {
  const out = [];
  for await (const item of readOpenLineageFile(file)) out.push(item);
  return out;
}

function tmp(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'helix-ol-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readOpenLineageFile', () => {
  it('reads NDJSON line by line and reports a broken line without losing the next ones', async () => {
    const items = await collect(fixturePath('provenance/openlineage/events.ndjson'));
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4]);
    expect(items[2]!.error).toMatch(/^invalid JSON/);
    expect((items[3]!.event as { eventType: string }).eventType).toBe('OTHER');
  });

  it('reads the elements of a JSON array with their start lines', async () => {
    const items = await collect(fixturePath('provenance/openlineage/events-array.json'));
    expect(items.map((i) => [i.line, (i.event as { eventType: string }).eventType])).toEqual([
      [2, 'START'],
      [9, 'FAIL'],
    ]);
  });

  it('reads a single pretty-printed object', async () => {
    const items = await collect(fixturePath('provenance/openlineage/column-lineage-event.json'));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ line: 1 });
    expect(items[0]!.error).toBeUndefined();
  });

  it('survives braces inside strings, a BOM, CRLF and an unterminated tail', async () => {
    const file = tmp('x.json', '\uFEFF[\r\n {"a": "}{\\"]"},\r\n {"b": 2}\r\n');
    const items = await collect(file);
    expect(items.slice(0, 2).map((i) => i.event)).toEqual([{ a: '}{"]' }, { b: 2 }]);
    expect(items[2]).toMatchObject({ error: 'JSON array not closed at end of file' });
    const tail = await collect(tmp('y.json', '{"a": 1,\n "b": [1, 2'));
    expect(tail).toEqual([{ event: undefined, line: 1, error: 'unterminated JSON value at end of file' }]);
  });

  it('reports a stray bracket between concatenated objects with its line and reads on', async () => {
    const items = await collect(tmp('s.json', '{\n "a": 1\n}\n}\n{\n "b": 2\n}\n'));
    expect(items.map((i) => [i.line, i.event ?? i.error])).toEqual([
      [1, { a: 1 }],
      [4, 'invalid JSON: unexpected "}"'],
      [5, { b: 2 }],
    ]);
  });

  it('reads concatenated multi-line objects', async () => {
    const items = await collect(tmp('z.json', '{\n "a": 1\n}\n{\n "b": 2\n}\n'));
    expect(items.map((i) => [i.line, i.event])).toEqual([
      [1, { a: 1 }],
      [4, { b: 2 }],
    ]);
  });
});
