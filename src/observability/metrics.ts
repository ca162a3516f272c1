import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry for the process, served at /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'helix_' });

export const httpDuration = new Histogram({
  name: 'helix_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const graphqlDuration = new Histogram({
  name: 'helix_graphql_operation_duration_seconds',
  help: 'GraphQL operation duration by operation name and type',
  labelNames: ['operation', 'type', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const cypherDuration = new Histogram({
  name: 'helix_cypher_query_duration_seconds',
  help: 'Cypher query duration by named query and access mode',
  labelNames: ['query', 'mode', 'outcome'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const cacheRequests = new Counter({
  name: 'helix_cache_requests_total',
  help: 'Result cache lookups by kind and outcome',
  labelNames: ['kind', 'outcome'],
  registers: [metricsRegistry],
});

export const ingestedRecords = new Counter({
  name: 'helix_ingested_records_total',
  help: 'Nodes and edges written by ingestion, by kind and outcome',
  labelNames: ['kind', 'outcome'],
  registers: [metricsRegistry],
});
