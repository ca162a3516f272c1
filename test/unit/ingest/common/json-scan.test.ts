import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonScanner } from '../../../../ingest/common/json-scan.js';
import { JsonReadCounter, readJsonWithout, streamJsonValues } from '../../../../ingest/common/json-stream.js';

/** Feed `text` in chunks of every size given; all must agree. */
function scan(text: string, target: string[], mode: 'values' | 'omit'): string[] {
  const outcomes = new Set<string>();
  for (const size of [1, 2, 3, 5, 7, 64, 100000]) {
    const values: string[] = [];
    const s = new JsonScanner(target, mode, (t, k) => values.push(`${k}=${t}`));
    for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
    outcomes.add(mode === 'omit' ? s.rest() : JSON.stringify(values));
  }
  expect(outcomes.size).toBe(1);
  const [only] = outcomes;
  return mode === 'omit' ? [only!] : (JSON.parse(only!) as string[]);
}

describe('JsonScanner', () => {
  const doc = '\uFEFF{"a": 1, "results": [ {"x": "q\\"]}", "y":[1,2]}, 3 , "s\\\\", null, [4,[5]], NaN ], "failedIds": ["Z"], "k\\"ey": {"results": [9]}}';

  it('cuts out each value under the path, whatever the chunking (escapes, nested brackets in strings)', () => {
    expect(scan(doc, ['results'], 'values')).toEqual(['0={"x": "q\\"]}", "y":[1,2]}', '1=3', '2="s\\\\"', '3=null', '4=[4,[5]]', '5=NaN']);
    expect(scan('[1, {"a":2}, "x"]', [], 'values')).toEqual(['0=1', '1={"a":2}', '2="x"']);
    expect(scan('{"accessions": {"A1": {"g": 1}, "B\\u0032": [2]}}', ['accessions'], 'values')).toEqual(['A1={"g": 1}', 'B2=[2]']);
    expect(scan('{"response": {"numFound": 2, "docs": [{"a":1},{"b":2}]}}', ['response', 'docs'], 'values')).toEqual(['0={"a":1}', '1={"b":2}']);
  });

  it('omit mode keeps everything but the target container', () => {
    expect(scan(doc, ['results'], 'omit')).toEqual(['{"a": 1, "results": [], "failedIds": ["Z"], "k\\"ey": {"results": [9]}}']);
  });
});

describe('streamJsonValues / readJsonWithout', () => {
  async function file(text: string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'helix-json-'));
    const f = path.join(dir, 'x.json');
    await writeFile(f, text);
    return f;
  }

  it('a broken element is an error item, the others still stream; NaN counted', async () => {
    const counter = new JsonReadCounter();
    const items = [];
    for await (const i of streamJsonValues(await file('{"results": [{"a": 1}, {"a": tru}, {"a": NaN}]}'), 'results', counter)) items.push(i);
    expect(items.map((i) => i.value ?? 'ERR')).toEqual([{ a: 1 }, 'ERR', { a: null }]);
    expect(items[1]!.error).toMatch(/^element 1/);
    expect(counter.replaced).toBe(1);
  });

  it('a missing path and a truncated document are reported', async () => {
    const missing = [];
    for await (const i of streamJsonValues(await file('{"other": []}'), 'results')) missing.push(i);
    expect(missing).toEqual([{ key: -1, error: 'no results array or object in the document' }]);
    const truncated = [];
    for await (const i of streamJsonValues(await file('{"results": [{"a": 1}, {"a": 2'), 'results')) truncated.push(i);
    expect(truncated.map((i) => i.error ?? 'ok')).toEqual(['ok', 'the document ends before its JSON is complete (truncated?)']);
    await expect(readJsonWithout(await file('{"a": '), '')).rejects.toThrow();
  });
});
