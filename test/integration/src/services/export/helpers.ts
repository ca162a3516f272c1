import { Writable } from 'node:stream';
import type { HelixContext } from '../../../../../src/app/context.js';
import { exportRequest, type RawExportOptions } from '../../../../../src/services/export/export-request.js';
import { runExport, type ExportSummary } from '../../../../../src/services/export/run-export.js';
import { serviceContext } from '../../../../../src/services/lineage/service-context.js';

/** Quotes, backticks, markup, line breaks, tab, backslash, emoji, right-to-left text, Mermaid/DOT punctuation. */
export const SPECIAL = 'He said "hi" & \'bye\' `tick` <b>&amp;</b>\nline2\r\ttab \\ 😀 שלום عربي #1; [x] {y} |z|';
export const WEIRD_URN = 'urn:x:we"ird <&> `tick` 😀 שלום';
export const ns = (id: string) => `urn:dbt:shop:${id}`;

/** A small graph with every property type and the special characters in names, values and a URN. */
export async function writeSpecialGraph(helix: HelixContext): Promise<void> {
  await helix.exec.runText(
    `CREATE (src:Node:Capsule:Source {urn: $src, name: 'raw orders', namespace: 'shop', ingestScope: 'dbt:shop'})
     CREATE (o:Node:Capsule:Model {urn: $orders, name: $special, namespace: 'shop', ingestScope: 'dbt:shop', rowCount: 42,
       score: 1.5, whole: 2.0, flag: true, tags: ['a', $special], counts: [1, 2, 3], createdAt: datetime('2024-01-02T03:04:05.123456Z'),
       day: date('2024-01-02'), description: $special})
     CREATE (c:Node:Capsule:Model {urn: $customers, name: 'customers', namespace: 'shop', ingestScope: 'dbt:shop'})
     CREATE (col:Node:Column {urn: $orders + '#id', name: 'id', capsuleUrn: $orders, ingestScope: 'dbt:shop'})
     CREATE (ccol:Node:Column {urn: $customers + '#order_id', name: 'order_id', capsuleUrn: $customers, ingestScope: 'dbt:shop'})
     CREATE (x:Node:Capsule:Model {urn: 'urn:dbt:other:model.other.x', name: 'x', namespace: 'other', ingestScope: 'dbt:other'})
     CREATE (w:Node:Tag {urn: $weird, name: $special})
     CREATE (i:Node:Ingestion {urn: 'urn:helix:ingestion:1', id: '1', status: 'completed'})
     CREATE (:HelixMeta {id: 'export-test'})
     CREATE (src)-[:FLOWS_TO]->(o)
     CREATE (o)-[:FLOWS_TO {note: $special, weight: 3}]->(c)
     CREATE (o)-[:FLOWS_TO]->(x)
     CREATE (o)-[:HAS_COLUMN]->(col)
     CREATE (c)-[:HAS_COLUMN]->(ccol)
     CREATE (ccol)-[:DERIVED_FROM {transformation: 'identity'}]->(col)
     CREATE (o)-[:TAGGED_WITH]->(w)`,
    { src: ns('source.shop.raw.orders'), orders: ns('model.shop.orders'), customers: ns('model.shop.customers'), special: SPECIAL, weird: WEIRD_URN },
    'WRITE',
    { op: 'test special graph' },
  );
}

/** Runs an export into memory (tests only: exports are streamed everywhere else). */
export async function exportText(helix: HelixContext, options: RawExportOptions, mermaidMaxNodes = 500): Promise<{ text: string; summary: ExportSummary }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const summary = await runExport(serviceContext(helix, { op: 'test export' }), exportRequest(options), sink, { mermaidMaxNodes });
  return { text: Buffer.concat(chunks).toString('utf8'), summary };
}

/** Neo4j's own counts of what an export of everything (bookkeeping excluded) must hold. */
export async function graphCounts(helix: HelixContext): Promise<{ nodes: number; relationships: number }> {
  const [row] = await helix.exec.runText(
    `MATCH (n:Node) WHERE NOT n:Ingestion WITH count(n) AS nodes
     MATCH (a:Node)-[r]->(b:Node) WHERE NOT a:Ingestion AND NOT b:Ingestion
     RETURN nodes, count(r) AS relationships`,
    {},
    'READ',
  );
  return { nodes: Number(row!.nodes), relationships: Number(row!.relationships) };
}
