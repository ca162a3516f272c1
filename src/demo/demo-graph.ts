import type { GraphEdge, GraphNode, MappedGraph } from '../../ingest/core/graph.js';

/**
 * A small graph of our own making for `npm start`: a shop's dbt project (sources → staging → marts → dashboard)
 * with columns, column lineage, a test and an owner, and one kidney gene with its protein — enough to try every
 * kind of query in GraphiQL.
 */
export function demoGraph(): MappedGraph {
  const ns = 'helix_demo';
  const urn = (id: string) => `urn:dbt:${ns}:${id}`;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const capsule = (id: string, type: string, name: string, layer: string, description: string, columns: string[]) => {
    nodes.push({
      urn: urn(id),
      labels: ['Capsule', type],
      props: {
        name,
        uniqueId: id,
        resourceType: type.toLowerCase(),
        namespace: ns,
        packageName: ns,
        layer,
        description,
        database: 'analytics',
        schema: layer,
        physicalName: `analytics.${layer}.${name}`,
        materialization: type === 'Model' ? (layer === 'staging' ? 'view' : 'table') : null,
      },
    });
    for (const c of columns) {
      nodes.push({ urn: `${urn(id)}#${c}`, labels: ['Column'], props: { name: c, capsuleUrn: urn(id) } });
      edges.push({ type: 'HAS_COLUMN', from: urn(id), to: `${urn(id)}#${c}` });
    }
  };
  capsule('source.helix_demo.shop.customers', 'Source', 'customers', 'raw', 'Customers as the shop app stores them', ['id', 'first_name', 'last_name', 'email']);
  capsule('source.helix_demo.shop.orders', 'Source', 'orders', 'raw', 'Orders as the shop app stores them', ['id', 'user_id', 'order_date', 'amount']);
  capsule('model.helix_demo.stg_customers', 'Model', 'stg_customers', 'staging', 'One row per customer', ['customer_id', 'first_name', 'last_name', 'email']);
  capsule('model.helix_demo.stg_orders', 'Model', 'stg_orders', 'staging', 'One row per order', ['order_id', 'customer_id', 'order_date', 'amount']);
  capsule('model.helix_demo.customers', 'Model', 'customers', 'marts', 'Customers with their order totals', ['customer_id', 'first_name', 'lifetime_value', 'number_of_orders']);
  capsule('exposure.helix_demo.revenue_dashboard', 'Exposure', 'revenue_dashboard', 'exposure', 'Weekly revenue dashboard', []);

  const flow = (a: string, b: string) => edges.push({ type: 'FLOWS_TO', from: urn(a), to: urn(b) });
  flow('source.helix_demo.shop.customers', 'model.helix_demo.stg_customers');
  flow('source.helix_demo.shop.orders', 'model.helix_demo.stg_orders');
  flow('model.helix_demo.stg_customers', 'model.helix_demo.customers');
  flow('model.helix_demo.stg_orders', 'model.helix_demo.customers');
  flow('model.helix_demo.customers', 'exposure.helix_demo.revenue_dashboard');

  const derived = (down: string, up: string, transformation: string) =>
    edges.push({ type: 'DERIVED_FROM', from: urn(down), to: urn(up), props: { transformation } });
  derived('model.helix_demo.stg_customers#customer_id', 'source.helix_demo.shop.customers#id', 'identity');
  derived('model.helix_demo.stg_customers#first_name', 'source.helix_demo.shop.customers#first_name', 'identity');
  derived('model.helix_demo.stg_orders#customer_id', 'source.helix_demo.shop.orders#user_id', 'identity');
  derived('model.helix_demo.stg_orders#amount', 'source.helix_demo.shop.orders#amount', 'identity');
  derived('model.helix_demo.customers#customer_id', 'model.helix_demo.stg_customers#customer_id', 'identity');
  derived('model.helix_demo.customers#first_name', 'model.helix_demo.stg_customers#first_name', 'identity');
  derived('model.helix_demo.customers#lifetime_value', 'model.helix_demo.stg_orders#amount', 'aggregation');
  derived('model.helix_demo.customers#number_of_orders', 'model.helix_demo.stg_orders#order_id', 'aggregation');

  nodes.push({ urn: urn('test.helix_demo.unique_customers_customer_id'), labels: ['Test'], props: { name: 'unique_customers_customer_id', testType: 'generic', testName: 'unique', severity: 'error', columnName: 'customer_id' } });
  edges.push({ type: 'TESTS', from: urn('test.helix_demo.unique_customers_customer_id'), to: urn('model.helix_demo.customers#customer_id') });
  edges.push({ type: 'TESTS', from: urn('test.helix_demo.unique_customers_customer_id'), to: urn('model.helix_demo.customers') });
  nodes.push({ urn: 'urn:owner:analytics@example.com', labels: ['Owner'], props: { name: 'analytics@example.com' }, mode: 'reference' });
  edges.push({ type: 'OWNED_BY', from: urn('model.helix_demo.customers'), to: 'urn:owner:analytics@example.com' });
  nodes.push({ urn: 'urn:tag:pii', labels: ['Tag'], props: { name: 'pii' }, mode: 'reference' });
  edges.push({ type: 'TAGGED_WITH', from: urn('model.helix_demo.stg_customers#email'), to: 'urn:tag:pii' });

  nodes.push({ urn: 'HGNC:9008', labels: ['Gene'], props: { hgncId: 'HGNC:9008', symbol: 'PKD1', name: 'polycystin 1, transient receptor potential channel interacting' } });
  nodes.push({ urn: 'P98161', labels: ['Protein'], props: { accession: 'P98161', proteinName: 'Polycystin-1', geneNames: ['PKD1'], taxonId: 9606 } });
  edges.push({ type: 'ENCODES', from: 'HGNC:9008', to: 'P98161' });
  return { nodes, edges, issues: [] };
}
