import { dbtShapedGraph, mulberry32, type SyntheticGraph } from '../../../../../bench/lineage-graph.js';

/** A small dbt-shaped graph (bench/lineage-graph.ts) with tags on some columns, as the peer benchmark uses. */
export function answersGraph(): SyntheticGraph {
  const g = dbtShapedGraph({ capsules: 160, seed: 11 });
  const rnd = mulberry32(12);
  g.nodes.push({ urn: 'urn:tag:pii', labels: ['Tag'], props: { name: 'pii' } });
  for (const n of g.nodes.filter((x) => x.labels.includes('Column'))) if (rnd() < 0.2) g.edges.push({ type: 'TAGGED_WITH', from: n.urn, to: 'urn:tag:pii' });
  return g;
}

