import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../src/auth/principal.js';
import { canSee, ingestionScopeNamespace, nodeScope, RUN_JOB_NAMESPACES } from '../../../../src/auth/visibility.js';
import { REVOKED, scopedEvents } from '../../../../src/graphql/resolvers/subscription-scope.js';
import { visibleReach } from '../../../../src/services/lineage/visible-reach.js';
import type { LineageNodeView } from '../../../../src/services/lineage/types.js';

const key = (...namespaces: string[]): Principal => ({ kind: 'key', id: 'k', role: 'viewer', namespaces });

describe('what belongs to which namespace (#12 leftovers)', () => {
  it('OpenLineage runs: the namespaces of their jobs, when the run carries them; otherwise full keys only', () => {
    const run = 'urn:ol:run:0190c4b4-7f7a-7a4e-9c3e-6b1d2f3a4b5c';
    expect(canSee(key('sched'), run, ['Run'], { [RUN_JOB_NAMESPACES]: ['sched'] })).toBe(true);
    expect(canSee(key('shop'), run, ['Run'], { [RUN_JOB_NAMESPACES]: ['sched'] })).toBe(false);
    expect(canSee(key('sched'), run, ['Run'], {})).toBe(false);
    expect(canSee({ ...key(), namespaces: null }, run, ['Run'], {})).toBe(true);
  });

  it('dbt invocations and conformance evaluations: the namespace stored on them', () => {
    expect(nodeScope('urn:dbt:invocation:abc', ['Run', 'Invocation'], { namespace: 'shop' })).toEqual({ kind: 'namespace', namespace: 'shop' });
    expect(nodeScope('urn:dbt:invocation:abc', ['Run', 'Invocation'], {})).toEqual({ kind: 'unscoped' });
    expect(canSee(key('shop'), 'urn:helix:conformance-evaluation:e1', ['ConformanceEvaluation'], { namespace: 'shop' })).toBe(true);
    expect(canSee(key('shop'), 'urn:helix:conformance-evaluation:e2', ['ConformanceEvaluation'], { namespace: null })).toBe(false);
  });

  it('ingestions: dbt by namespace, bio and workflow kinds under bio, OpenLineage files for full keys only', () => {
    const ingestion = (props: Record<string, unknown>) => nodeScope('urn:helix:ingestion:1', ['Ingestion'], props);
    expect(ingestion({ kind: 'dbt', namespace: 'shop' })).toEqual({ kind: 'namespace', namespace: 'shop' });
    expect(ingestion({ kind: 'dbt' })).toEqual({ kind: 'unscoped' });
    expect(ingestion({ kind: 'nextflow' })).toEqual({ kind: 'bio' });
    expect(ingestion({ kind: 'openlineage' })).toEqual({ kind: 'unscoped' });
    expect(ingestionScopeNamespace('dbt:shop')).toBe('shop');
    expect(ingestionScopeNamespace('dbt-run:shop:inv-1')).toBe('shop');
    expect(ingestionScopeNamespace('hgnc:*')).toBe('bio');
    expect(ingestionScopeNamespace('bio:gtex:x.tsv')).toBe('bio');
    expect(ingestionScopeNamespace('strategies:x.yaml')).toBe('bio');
    expect(ingestionScopeNamespace('openlineage')).toBeNull();
  });
});

describe('visibleReach (impact for a limited key)', () => {
  const n = (urn: string, namespace: string): LineageNodeView => ({ urn, labels: ['Model'], name: urn, namespace, layer: null, resourceType: null, capsuleUrn: null, distance: 0, direction: null });
  const sees = (v: LineageNodeView) => v.namespace === 'a';

  it('stops at a hidden node: what lies behind it is left out even when visible itself', () => {
    const nodes = [n('r', 'a'), n('x', 'a'), n('wall', 'b'), n('behind', 'a')];
    const edges = [
      { from: 'r', to: 'x', type: 'FLOWS_TO', transformation: null },
      { from: 'r', to: 'wall', type: 'FLOWS_TO', transformation: null },
      { from: 'wall', to: 'behind', type: 'FLOWS_TO', transformation: null },
    ];
    expect(visibleReach(nodes, edges, sees)!.map((v) => v.urn)).toEqual(['r', 'x']);
    expect(visibleReach([n('r', 'b')], [], sees)).toBeUndefined();
  });
});

/** A source of events the test pushes into, remembering whether it was returned (closed). */
function source<E>() {
  const queue: E[] = [];
  let wake: (() => void) | undefined;
  let returned = false;
  const it: AsyncIterableIterator<E> = {
    [Symbol.asyncIterator]: () => it,
    async next() {
      while (queue.length === 0 && !returned) await new Promise<void>((r) => (wake = r));
      return returned ? { value: undefined, done: true } : { value: queue.shift()!, done: false };
    },
    async return() {
      returned = true;
      wake?.();
      return { value: undefined, done: true };
    },
  };
  return { it, push: (e: E) => (queue.push(e), wake?.()), returned: () => returned };
}

describe('scopedEvents (subscriptions)', () => {
  it('delivers only visible events', async () => {
    const s = source<number>();
    const events = scopedEvents({}, s.it, (e) => e % 2 === 0);
    for (const e of [1, 2, 3, 4]) s.push(e);
    expect((await events.next()).value).toBe(2);
    expect((await events.next()).value).toBe(4);
    await events.return!();
    expect(s.returned()).toBe(true);
  });

  it('after a revocation: REVOKED once, then the end, and the source is closed', async () => {
    const s = source<number>();
    let ok = true;
    const events = scopedEvents({ stillAuthenticated: async () => ok }, s.it, () => true, 20);
    s.push(1);
    expect((await events.next()).value).toBe(1);
    const pending = events.next();
    ok = false;
    expect(await pending).toEqual({ value: REVOKED, done: false });
    expect(await events.next()).toEqual({ value: undefined, done: true });
    expect(s.returned()).toBe(true);
  });

  it('a failed check (the cache unreachable) is no revocation', async () => {
    const s = source<number>();
    const events = scopedEvents({ stillAuthenticated: () => Promise.reject(new Error('redis down')) }, s.it, () => true, 10);
    await new Promise((r) => setTimeout(r, 50));
    s.push(7);
    expect((await events.next()).value).toBe(7);
    await events.return!();
  });
});
