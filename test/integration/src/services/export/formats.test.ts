import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import graphology from 'graphology';
import graphml from 'graphology-graphml';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { exportText, graphCounts, ns, SPECIAL, WEIRD_URN, writeSpecialGraph } from './helpers.js';
import { jsonldId } from '../../../../../src/services/export/formats/jsonld.js';
import { parseMermaid, readGraphmlWithNetworkx, renderDot } from './readers.js';

let helix: HelixContext;
const dir = mkdtempSync(path.join(tmpdir(), 'helix-export-'));

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  await writeSpecialGraph(helix);
});
afterAll(async () => helix?.close());

describe('every format is read back by a reader someone else wrote', () => {
  it('GraphML: graphology-graphml and networkx see the same nodes, edges, types and characters as Neo4j', async () => {
    const { text, summary } = await exportText(helix, { format: 'graphml' });
    const counts = await graphCounts(helix);
    expect(summary).toMatchObject(counts);
    const g = graphml.parse(graphology.DirectedGraph, text);
    expect([g.order, g.size]).toEqual([counts.nodes, counts.relationships]);
    const orders = g.getNodeAttributes(ns('model.shop.orders'));
    expect(orders).toMatchObject({ labels: ':Node:Capsule:Model', name: SPECIAL, description: SPECIAL, rowCount: 42, score: 1.5, flag: true });
    expect(JSON.parse(orders.tags as string)).toEqual(['a', SPECIAL]);
    expect(orders.createdAt).toBe('2024-01-02T03:04:05.123456000Z');
    expect(g.getNodeAttributes(WEIRD_URN).name).toBe(SPECIAL);
    const flows = g.edges(ns('model.shop.orders'), ns('model.shop.customers')).map((e) => g.getEdgeAttributes(e));
    expect(flows).toEqual([expect.objectContaining({ type: 'FLOWS_TO', note: SPECIAL, weight: 3 })]);
    expect(text).toContain('attr.name="rowCount" attr.type="long"');
    expect(text).toContain('attr.name="counts" attr.type="string" attr.list="long"');

    const file = path.join(dir, 'graph.graphml');
    writeFileSync(file, text);
    const nx = readGraphmlWithNetworkx(file, ns('model.shop.orders'));
    expect([nx.nodes, nx.edges]).toEqual([counts.nodes, counts.relationships]);
    expect(nx.attrs).toMatchObject({ name: SPECIAL, rowCount: 42, score: 1.5, flag: true });
  });

  it('JSON lines: nodes first, then relationships with URN ends; json is an alias', async () => {
    const { text } = await exportText(helix, { format: 'json' });
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    const firstRel = lines.findIndex((l) => l.type === 'relationship');
    expect(lines.slice(firstRel).every((l) => l.type === 'relationship')).toBe(true);
    const orders = lines.find((l) => l.urn === ns('model.shop.orders'));
    expect(orders).toMatchObject({ type: 'node', labels: expect.arrayContaining(['Capsule', 'Model']) });
    expect(orders.properties).toMatchObject({ name: SPECIAL, rowCount: 42, whole: 2, tags: ['a', SPECIAL], day: '2024-01-02' });
    expect(lines).toContainEqual({ type: 'relationship', rel: 'TAGGED_WITH', from: ns('model.shop.orders'), to: WEIRD_URN, properties: {} });
  });

  it('DOT: Graphviz renders it; names survive into the SVG; one cluster per namespace', async () => {
    const { text } = await exportText(helix, { format: 'dot' });
    expect(text).toContain('subgraph "cluster_shop"');
    const svg = renderDot(text);
    expect(svg).toContain('<title>cluster_shop</title>');
    // Graphviz draws each line of a label as its own text element.
    for (const part of ['He said &quot;hi&quot; &amp; &#39;bye&#39; `tick` &lt;b&gt;&amp;amp;&lt;/b&gt;', '>line2<', '😀 שלום عربي']) {
      expect(svg).toContain(part);
    }
  });

  it('Mermaid: mermaid parses the flowchart and shows the names as written', async () => {
    const { text, summary } = await exportText(helix, { format: 'mermaid' });
    const parsed = await parseMermaid(text);
    expect(parsed.vertices.length).toBe(summary.nodes);
    expect(parsed.edges.length).toBe(summary.relationships);
    const labels = parsed.vertices.map((v) => v.split('<br>')[0]);
    expect(labels).toContain(SPECIAL);
    expect(labels).toContain('raw orders');
  });

  it('Mermaid refuses a scope larger than its limit before writing anything', async () => {
    await expect(exportText(helix, { format: 'mermaid' }, 3)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('limited to 3 nodes'),
    });
  });

  it('JSON-LD: jsonld expands it; @id is the URN, labels are types, relationships PROV-O/schema.org or Helix terms', async () => {
    const { text } = await exportText(helix, { format: 'jsonld' });
    const expanded = (await jsonld.expand(JSON.parse(text))) as Array<Record<string, any>>;
    const byId = new Map<string, Record<string, any>[]>();
    for (const o of expanded) if (o['@id']) byId.set(o['@id'], [...(byId.get(o['@id']) ?? []), o]);
    const orders = byId.get(ns('model.shop.orders'))!;
    const node = orders.find((o) => o['@type'])!;
    expect(node['@type']).toEqual(expect.arrayContaining(['https://schema.org/Dataset', 'https://helix.dev/ns#Model']));
    expect(node['https://schema.org/name']).toEqual([{ '@value': SPECIAL }]);
    expect(node['https://helix.dev/ns#rowCount'][0]['@value']).toBe(42);
    expect(orders.some((o) => o['https://helix.dev/ns#FLOWS_TO']?.[0]?.['@id'] === ns('model.shop.customers'))).toBe(true);
    expect(orders.some((o) => o['https://schema.org/keywords']?.[0]?.['@id'] === jsonldId(WEIRD_URN))).toBe(true);
    expect(byId.get(jsonldId(WEIRD_URN))?.[0]?.['https://schema.org/name']).toEqual([{ '@value': SPECIAL }]);
  });
});

describe('scopes and options', () => {
  const urns = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'node')
      .map((l) => l.urn as string)
      .sort();
  const rels = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type === 'relationship');

  it('a namespace holds every node of ingestion scope dbt:<N> and the relationships among them only', async () => {
    const { text } = await exportText(helix, { format: 'jsonl', namespace: 'shop' });
    const [row] = await helix.exec.runText("MATCH (n:Node {ingestScope: 'dbt:shop'}) RETURN collect(n.urn) AS urns", {}, 'READ');
    expect(urns(text)).toEqual([...(row!.urns as string[])].sort());
    expect(rels(text).some((r) => r.to === 'urn:dbt:other:model.other.x' || r.to === WEIRD_URN)).toBe(false);
    expect(rels(text).length).toBe(5);
  });

  it('lineage: exactly the nodes of the lineage service for the same arguments', async () => {
    const { getLineage } = await import('../../../../../src/services/lineage/lineage-service.js');
    const { serviceContext } = await import('../../../../../src/services/lineage/service-context.js');
    for (const args of [
      { urn: ns('model.shop.orders'), direction: 'DOWNSTREAM' as const },
      { urn: ns('model.shop.orders'), direction: 'UPSTREAM' as const, depth: 1 },
      { urn: `${ns('model.shop.orders')}#id`, level: 'COLUMN' as const },
    ]) {
      const graph = await getLineage(serviceContext(helix, {}), args);
      const { text } = await exportText(helix, { format: 'jsonl', lineage: args.urn, direction: args.direction, depth: args.depth, level: args.level });
      expect(urns(text)).toEqual(graph.nodes.map((n) => n.urn).sort());
    }
  });

  it('types, rel-types, no-properties and internal', async () => {
    const models = urns((await exportText(helix, { format: 'jsonl', types: 'Model,Source' })).text);
    expect(models).toEqual([ns('model.shop.customers'), ns('model.shop.orders'), ns('source.shop.raw.orders'), 'urn:dbt:other:model.other.x'].sort());
    const flows = rels((await exportText(helix, { format: 'jsonl', relTypes: 'FLOWS_TO' })).text);
    expect(flows.map((r) => r.rel)).toEqual(['FLOWS_TO', 'FLOWS_TO', 'FLOWS_TO']);
    const bare = (await exportText(helix, { format: 'jsonl', properties: false })).text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(bare.every((l) => Object.keys(l.properties).length === 0)).toBe(true);
    expect(urns((await exportText(helix, { format: 'jsonl' })).text)).not.toContain('urn:helix:ingestion:1');
    const internal = urns((await exportText(helix, { format: 'jsonl', internal: true })).text);
    expect(internal).toContain('urn:helix:ingestion:1');
    expect(internal.some((u) => u.startsWith('urn:helix:internal:helixmeta:'))).toBe(true);
  });

  it('bad options are refused with a reason', async () => {
    await expect(exportText(helix, { format: 'xlsx' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(exportText(helix, { format: 'jsonl', namespace: 'shop', lineage: ns('x') })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(exportText(helix, { format: 'jsonl', lineage: ns('model.shop.orders'), direction: 'HOW_MADE' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(exportText(helix, { format: 'jsonl', depth: 3 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(exportText(helix, { format: 'jsonl', lineage: 'urn:none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
