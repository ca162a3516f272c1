import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../../../src/db/executor.js';
import { MemoryCache } from '../../../../../src/cache/cache.js';
import { GraphVersionReader } from '../../../../../src/services/lineage/graph-version.js';
import { argumentHash, cachedResult } from '../../../../../src/services/lineage/result-cache.js';
import type { ServiceContext } from '../../../../../src/services/lineage/service-context.js';

/** An executor whose version reads see the version of when they started, and resolve when the test says so. */
function fakeExec() {
  const pending: Array<() => void> = [];
  let version = 1;
  let started = 0;
  const exec = {
    read: () => {
      started += 1;
      const seen = version;
      return new Promise((resolve) => pending.push(() => resolve([{ epoch: 'e', version: seen }])));
    },
  } as unknown as Executor;
  return {
    exec,
    reads: () => started,
    answer: () => pending.shift()!(),
    bump: () => void (version += 1),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('GraphVersionReader', () => {
  it('shares a read only with callers that asked before it started', async () => {
    const f = fakeExec();
    const reader = new GraphVersionReader(f.exec);
    const a = reader.read();
    await tick();
    // b and c arrive while a's read is in flight: it may miss a write that finished just before them
    f.bump();
    const b = reader.read();
    const c = reader.read();
    expect(f.reads()).toBe(1);
    f.answer();
    expect(await a).toEqual({ epoch: 'e', version: 1 });
    await tick();
    expect(f.reads()).toBe(2);
    f.answer();
    expect(await b).toEqual({ epoch: 'e', version: 2 });
    expect(await c).toEqual({ epoch: 'e', version: 2 });
  });

  it('with a staleness window, reuses a recent read until this process writes', async () => {
    const f = fakeExec();
    const reader = new GraphVersionReader(f.exec, 60_000);
    const first = reader.read();
    f.answer();
    expect(await first).toEqual({ epoch: 'e', version: 1 });
    f.bump();
    expect(await reader.read()).toEqual({ epoch: 'e', version: 1 });
    expect(f.reads()).toBe(1);
    reader.invalidate();
    const after = reader.read();
    f.answer();
    expect(await after).toEqual({ epoch: 'e', version: 2 });
    expect(f.reads()).toBe(2);
  });

  it('answers one request (one QueryContext) with one version', async () => {
    const f = fakeExec();
    const reader = new GraphVersionReader(f.exec);
    const request = {};
    const first = reader.read(request);
    f.answer();
    await first;
    f.bump();
    expect(await reader.read(request)).toEqual({ epoch: 'e', version: 1 });
    expect(f.reads()).toBe(1);
  });
});

describe('cachedResult', () => {
  /** Each call is its own request (its own QueryContext), as in the API. */
  const ctx = (exec: Executor) => {
    const cache = new MemoryCache();
    return () => ({ exec, cache, cacheTtlSeconds: 60, query: {} }) satisfies ServiceContext;
  };

  it('computes once per graph version and arguments', async () => {
    let version = 7;
    const exec = { read: async () => [{ epoch: 'e', version }] } as unknown as Executor;
    const s = ctx(exec);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cachedResult(s(), 'k', { a: 1, b: 2 }, compute)).toBe(1);
    expect(await cachedResult(s(), 'k', { b: 2, a: 1 }, compute)).toBe(1);
    expect(await cachedResult(s(), 'k', { a: 2 }, compute)).toBe(2);
    version = 8;
    expect(await cachedResult(s(), 'k', { a: 1, b: 2 }, compute)).toBe(3);
  });

  it('never caches for an empty graph', async () => {
    const exec = { read: async () => [{ epoch: 'empty', version: 0 }] } as unknown as Executor;
    const s = ctx(exec);
    let computed = 0;
    await cachedResult(s(), 'k', {}, async () => ++computed);
    await cachedResult(s(), 'k', {}, async () => ++computed);
    expect(computed).toBe(2);
  });

  it('hashes arguments independently of key order and undefined values', () => {
    expect(argumentHash({ a: [1, { c: 3, d: undefined }], b: null })).toBe(argumentHash({ b: null, a: [1, { c: 3 }] }));
    expect(argumentHash({ a: 1 })).not.toBe(argumentHash({ a: '1' }));
  });
});
