import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MappedGraph } from '../../../../ingest/core/graph.js';
import { writeGraph } from '../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

let helix: HelixContext;
beforeAll(async () => (helix = await openTestHelix()));
afterAll(async () => helix?.close());
beforeEach(async () => resetGraph(helix));

const model = (id: string, extra: Record<string, string> = {}): GraphNode => ({
  urn: `urn:dbt:w:${id}`,
  labels: ['Capsule', 'Model'],
  props: { name: id, ...extra },
});
const flow = (a: string, b: string): GraphEdge => ({ type: 'FLOWS_TO', from: `urn:dbt:w:${a}`, to: `urn:dbt:w:${b}` });
const graph = (nodes: GraphNode[], edges: GraphEdge[], extra: Partial<MappedGraph> = {}): MappedGraph => ({
  nodes,
  edges,
  issues: [],
  ...extra,
});
const count = async (q: string) => Number((await helix.exec.runText(q, {}, 'READ'))[0]?.n);

describe('shared graph writer', () => {
  it('creates, then reports a second identical write as all unchanged without writing', async () => {
    const g = graph([model('a'), model('b'), model('c')], [flow('a', 'b'), flow('b', 'c')]);
    const first = await writeGraph(helix.exec, g, { scope: 'dbt:w', deleteMissing: true });
    expect(first.report.nodes).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(first.report.edges).toMatchObject({ created: 2 });
    const counter = { queries: 0 };
    const second = await writeGraph(helix.exec, g, { scope: 'dbt:w', deleteMissing: true, ctx: { counter } });
    expect(second.report.nodes).toMatchObject({ created: 0, updated: 0, unchanged: 3, deleted: 0 });
    expect(second.report.edges).toMatchObject({ created: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect(second.report.changed).toBe(false);
    expect(counter.queries).toBe(2); // the scope index (nodes, edges): two reads, no writes
    expect(await count('MATCH (n:Node) RETURN count(n) AS n')).toBe(3);
  });

  it('updates changed nodes, replaces their properties and deletes what the scope no longer has', async () => {
    const nodes = Array.from({ length: 10 }, (_, i) => model(`m${i}`, { description: 'old' }));
    await writeGraph(helix.exec, graph(nodes, [flow('m0', 'm1'), flow('m1', 'm2')]), { scope: 'dbt:w', deleteMissing: true });
    const next = nodes.slice(0, 9).map((n, i) => (i === 0 ? { ...n, props: { name: 'm0' } } : n));
    const r = await writeGraph(helix.exec, graph(next, [flow('m0', 'm1')]), { scope: 'dbt:w', deleteMissing: true });
    expect(r.report.nodes).toMatchObject({ created: 0, updated: 1, unchanged: 8, deleted: 1 });
    expect(r.report.edges).toMatchObject({ unchanged: 1, deleted: 1 });
    const [m0] = await helix.exec.runText("MATCH (n:Node {urn: 'urn:dbt:w:m0'}) RETURN n.description AS d, n.firstSeenAt IS NOT NULL AS seen", {}, 'READ');
    expect(m0).toEqual({ d: null, seen: true });
  });

  it('refuses a mass deletion unless allowed', async () => {
    const nodes = Array.from({ length: 10 }, (_, i) => model(`m${i}`));
    await writeGraph(helix.exec, graph(nodes, []), { scope: 'dbt:w', deleteMissing: true });
    await expect(writeGraph(helix.exec, graph(nodes.slice(0, 5), []), { scope: 'dbt:w', deleteMissing: true })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await count('MATCH (n:Node) RETURN count(n) AS n')).toBe(10);
    const r = await writeGraph(helix.exec, graph(nodes.slice(0, 5), []), { scope: 'dbt:w', deleteMissing: true, allowMassDelete: true });
    expect(r.report.nodes.deleted).toBe(5);
  });

  it('never touches another scope, keeps reference nodes as found and reports dangling edges', async () => {
    await writeGraph(helix.exec, graph([model('x', { description: 'owned by other' })], []), { scope: 'dbt:other', deleteMissing: true });
    const ref: GraphNode = { ...model('x', { description: 'stub' }), mode: 'reference' };
    const r = await writeGraph(helix.exec, graph([model('a'), ref], [flow('x', 'a'), flow('a', 'missing')]), { scope: 'dbt:w', deleteMissing: true });
    expect(r.report.danglingEdges).toBe(1);
    expect(r.issues.map((i) => i.code)).toEqual(['EDGE_ENDPOINT_MISSING']);
    const [x] = await helix.exec.runText("MATCH (n:Node {urn: 'urn:dbt:w:x'}) RETURN n.description AS d, n.ingestScope AS s", {}, 'READ');
    expect(x).toEqual({ d: 'owned by other', s: 'dbt:other' });
    await writeGraph(helix.exec, graph([], []), { scope: 'dbt:w', deleteMissing: true, allowMassDelete: true });
    expect(await count("MATCH (n:Node {urn: 'urn:dbt:w:x'}) RETURN count(n) AS n")).toBe(1);
  });

  it('keeps preserved edges that a later snapshot no longer emits', async () => {
    const col = (m: string, c: string): GraphNode => ({ urn: `urn:dbt:w:${m}#${c}`, labels: ['Column'], props: { name: c } });
    const derived: GraphEdge = { type: 'DERIVED_FROM', from: 'urn:dbt:w:b#id', to: 'urn:dbt:w:a#id', props: { transformation: 'identity' } };
    const nodes = [model('a'), model('b'), col('a', 'id'), col('b', 'id')];
    await writeGraph(helix.exec, graph(nodes, [derived]), { scope: 'dbt:w', deleteMissing: true });
    const r = await writeGraph(helix.exec, graph(nodes, [], { preserve: [{ from: 'urn:dbt:w:b#id', type: 'DERIVED_FROM' }] }), {
      scope: 'dbt:w',
      deleteMissing: true,
    });
    expect(r.report.edges.deleted).toBe(0);
    expect(await count('MATCH ()-[r:DERIVED_FROM]->() RETURN count(r) AS n')).toBe(1);
  });

  it('writes the edges of new nodes without looking them up, and never duplicates an edge of a node that existed', async () => {
    const counter = { queries: 0 };
    const first = await writeGraph(helix.exec, graph([model('a'), model('b')], [flow('a', 'b')]), { scope: 'bio:w', deleteMissing: false, mergeProps: true, ctx: { counter } });
    expect(first.report.edges).toMatchObject({ created: 1 });
    // node read, node write, edge create, the new capsules' read models (src/db/read-models.ts), version bump: no edge lookup
    expect(counter.queries).toBe(5);
    // `a` existed only as another scope's reference: upserting it here must find its edge, not create a second one.
    await writeGraph(helix.exec, graph([{ ...model('c'), mode: 'reference' }, model('d')], [flow('c', 'd')]), { scope: 'other', deleteMissing: false });
    for (const mergeProps of [true, false]) {
      const r = await writeGraph(helix.exec, graph([model('c', { description: String(mergeProps) }), model('d')], [flow('c', 'd')]), { scope: 'bio:w', deleteMissing: false, mergeProps });
      expect(r.report.edges).toMatchObject({ created: 0, unchanged: 1 });
    }
    expect(await count("MATCH (:Node {urn: 'urn:dbt:w:c'})-[r:FLOWS_TO]->(:Node {urn: 'urn:dbt:w:d'}) RETURN count(r) AS n")).toBe(1);
    expect(await count("MATCH (:Node {urn: 'urn:dbt:w:a'})-[r:FLOWS_TO]->(:Node {urn: 'urn:dbt:w:b'}) RETURN count(r) AS n")).toBe(1);
  });

  it('creates the nodes it saw absent, and upserts the batch when another writer created one of them meanwhile', async () => {
    // A real second writer commits r1 between the writer's read and its CREATE (the race the fallback is for).
    const exec = Object.create(helix.exec) as typeof helix.exec;
    exec.write = async (name, params, ctx) => {
      if (name === 'ingest/create-nodes') await helix.exec.runText("MERGE (n:Node {urn: 'urn:dbt:w:r1'}) SET n.name = 'other'");
      return helix.exec.write(name, params, ctx);
    };
    const r = await writeGraph(exec, graph([model('r1'), model('r2')], [flow('r1', 'r2')]), { scope: 'dbt:w', deleteMissing: true });
    expect(r.report.edges).toMatchObject({ created: 1 });
    expect(await count("MATCH (n:Node) WHERE n.urn STARTS WITH 'urn:dbt:w:r' RETURN count(n) AS n")).toBe(2);
    expect(await count("MATCH (n:Node:Model {urn: 'urn:dbt:w:r1', name: 'r1', ingestScope: 'dbt:w'}) RETURN count(n) AS n")).toBe(1);
    expect(await count("MATCH (:Node {urn: 'urn:dbt:w:r1'})-[r:FLOWS_TO]->(:Node {urn: 'urn:dbt:w:r2'}) RETURN count(r) AS n")).toBe(1);
    // Written by CREATE: the same content as MERGE writes, so an identical second write changes nothing.
    const again = await writeGraph(helix.exec, graph([model('r1'), model('r3')], [flow('r1', 'r3')]), { scope: 'dbt:w', deleteMissing: true, allowMassDelete: true });
    expect(again.report.nodes).toMatchObject({ created: 1, unchanged: 1, deleted: 1 });
  });

  it('never duplicates an edge two concurrent writers each attach to a node they created', async () => {
    for (let i = 0; i < 20; i++) {
      const [x, y] = [model(`x${i}`), model(`y${i}`)];
      const edge = flow(`x${i}`, `y${i}`);
      await Promise.all([
        writeGraph(helix.exec, graph([x], [edge]), { scope: 'bio:a', deleteMissing: false, mergeProps: true }),
        writeGraph(helix.exec, graph([y], [edge]), { scope: 'bio:b', deleteMissing: false, mergeProps: true }),
      ]);
      expect(await count(`MATCH (:Node {urn: 'urn:dbt:w:x${i}'})-[r:FLOWS_TO]->(:Node {urn: 'urn:dbt:w:y${i}'}) RETURN count(r) AS n`), `trial ${i}`).toBe(1);
    }
  });
});
