import { describe, expect, it } from 'vitest';
import { NonFiniteRewriter, parseLenientJson } from '../../../../ingest/common/lenient-json.js';

function rewriteInChunks(text: string, size: number): { out: string; rewriter: NonFiniteRewriter } {
  const rewriter = new NonFiniteRewriter();
  let out = '';
  for (let i = 0; i < text.length; i += size) out += rewriter.write(text.slice(i, i + size));
  return { out: out + rewriter.end(), rewriter };
}

describe('bare NaN / Infinity tokens', () => {
  it('reads NaN, Infinity and -Infinity outside strings as null', () => {
    const { value, nonFinite } = parseLenientJson('{"a": NaN, "b": [Infinity, -Infinity, 1.5e-3], "c": -2}');
    expect(value).toEqual({ a: null, b: [null, null, 0.0015], c: -2 });
    expect(nonFinite.count).toBe(3);
  });

  it('leaves the same words inside strings alone, escaped quotes included', () => {
    const text = '{"msg": "NaN rows, \\"Infinity\\" and -Infinity", "n": NaN}';
    const { value, nonFinite } = parseLenientJson(text);
    expect(value).toEqual({ msg: 'NaN rows, "Infinity" and -Infinity', n: null });
    expect(nonFinite.count).toBe(1);
  });

  it('handles tokens and escapes cut by chunk boundaries at every position', () => {
    const text = '{\n"x": "a\\"b NaN",\n"y": -Infinity,\n"z": [NaN,true,null,-12.5]\n}';
    const expected = { x: 'a"b NaN', y: null, z: [null, true, null, -12.5] };
    for (let size = 1; size <= text.length; size++) {
      const { out, rewriter } = rewriteInChunks(text, size);
      expect(JSON.parse(out)).toEqual(expected);
      expect(rewriter.report).toEqual({ count: 2, firstLine: 3 });
    }
  });

  it('keeps a document without such tokens byte-identical', () => {
    const text = '{"a": [1, -2, 3.5e10, true, false, null, "Infinity"]}';
    expect(rewriteInChunks(text, 7).out).toBe(text);
  });
});
