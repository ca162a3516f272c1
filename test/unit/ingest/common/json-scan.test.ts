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

describe('JsonScanner select mode', () => {
  /** Enters the root object and its "nodes" member, captures everything else it is offered; every chunking agrees. */
  function select(text: string, enterRoot = true): { values: string[]; errors: string[] } {
    const outcomes = new Set<string>();
    for (const size of [1, 2, 3, 5, 7, 64, 100000]) {
      const values: string[] = [];
      const errors: string[] = [];
      const s: JsonScanner = new JsonScanner([], 'select', (t, _k, line) => values.push(`${line}:${t}`), {
        select: (key, depth, kind) => ((depth === 0 && enterRoot) || (depth === 1 && key === 'nodes' && kind === 'object') ? 'enter' : key === 'skip' ? 'skip' : 'capture'),
        error: (message, line) => errors.push(`${line}:${message}`),
      });
      for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
      s.end();
      outcomes.add(JSON.stringify({ values, errors }));
    }
    expect(outcomes.size).toBe(1);
    return JSON.parse([...outcomes][0]!) as { values: string[]; errors: string[] };
  }

  it('captures what the selector asks for, with the line each value starts on', () => {
    const doc = '{\n"meta": {"v": 1},\n"skip": [1, {"x": 2}],\n"nodes": {\n  "a": {"k\\"": "}"},\n  "b": 7\n},\n"n": null\n}';
    expect(select(doc)).toEqual({ values: ['2:{"v": 1}', '5:{"k\\"": "}"}', '6:7', '8:null'], errors: [] });
  });

  it('reads a sequence of top-level values (NDJSON, concatenated), numbers ending at whitespace or input end', () => {
    expect(select('{"a":1}\n[2]\n3\n"s"\n4', false).values).toEqual(['1:{"a":1}', '2:[2]', '3:3', '4:"s"', '5:4']);
  });

  it('reports broken structure around entered values: a missing comma, a stray or wrong bracket, a colon out of place', () => {
    expect(select('{"nodes": {"a": 1 "b": 2}}').errors).toEqual(['1:unexpected ":"']);
    expect(select('{"nodes": {"a": {} "b": {}}}').errors[0]).toBe('1:a value where a key was expected');
    expect(select('{"nodes": {"a": 1]}}').errors).toEqual(['1:unexpected "]"']);
    expect(select('{"x": 1}\n}').errors).toEqual(['2:unexpected "}"']);
    expect(select('{"nodes": {"a": 1,}}').errors).toEqual(['1:unexpected "}" after a comma']);
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
