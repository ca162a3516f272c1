import { describe, expect, it } from 'vitest';
import type { Executor, QueryContext } from '../../../../src/db/executor.js';
import { createLoaders, type Loaders } from '../../../../src/loaders/index.js';

// Making loaders runs no query: an executor that is never called is enough to see when groups are made.
const exec = {} as Executor;
const ctx = {} as QueryContext;
const GROUPS: (keyof Loaders)[] = ['node', 'projected', 'meta', 'neighbors', 'bio', 'prov', 'conformance'];

describe('per-request loaders', () => {
  it('makes each group on first use and keeps it for the rest of the request', () => {
    const loaders = createLoaders(exec, ctx);
    const made = (l: Loaders) => (l as unknown as { made: Record<string, unknown> }).made;
    expect(made(loaders)).toEqual({});
    const node = loaders.node;
    expect(Object.keys(made(loaders))).toEqual(['node']);
    expect(loaders.node).toBe(node);
    for (const g of GROUPS) expect(loaders[g], g).toBeTruthy();
    expect(Object.keys(made(loaders)).sort()).toEqual([...GROUPS].sort());
    expect(typeof loaders.node.load).toBe('function');
    expect(typeof loaders.meta).toBe('object');
  });

  it('never shares a group between requests', () => {
    const a = createLoaders(exec, ctx);
    const b = createLoaders(exec, ctx);
    for (const g of GROUPS) expect(a[g], g).not.toBe(b[g]);
  });
});
