import type { GraphEdge, GraphNode, MappedGraph } from '../../ingest/core/graph.js';

/**
 * A layered dbt-like lineage of `1 + layers * width` models: one root feeding the first layer, then every model of
 * layer i feeds models j and j+1 of layer i+1. The root's downstream lineage is the whole graph.
 */
export function syntheticLineage(namespace: string, layers: number, width: number): { graph: MappedGraph; root: string; size: number } {
  const urn = (id: string) => `urn:dbt:${namespace}:model.${namespace}.${id}`;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const model = (id: string, layer: number) =>
    nodes.push({
      urn: urn(id),
      labels: ['Capsule', 'Model'],
      props: { name: id, uniqueId: `model.${namespace}.${id}`, resourceType: 'model', namespace, packageName: namespace, layer: `l${layer}` },
    });
  model('root', 0);
  for (let l = 1; l <= layers; l++) {
    for (let j = 0; j < width; j++) {
      model(`m_${l}_${j}`, l);
      if (l === 1) edges.push({ type: 'FLOWS_TO', from: urn('root'), to: urn(`m_1_${j}`) });
      else {
        edges.push({ type: 'FLOWS_TO', from: urn(`m_${l - 1}_${j}`), to: urn(`m_${l}_${j}`) });
        edges.push({ type: 'FLOWS_TO', from: urn(`m_${l - 1}_${(j + 1) % width}`), to: urn(`m_${l}_${j}`) });
      }
    }
  }
  return { graph: { nodes, edges, issues: [] }, root: urn('root'), size: nodes.length };
}
