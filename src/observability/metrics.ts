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

/**
 * Operation names are chosen by clients: as metric labels they must stay few and short, or /metrics grows without
 * bound (300 requests with 5 KB names grew it from 293 KB to 21.7 MB). The first MAX_OPERATION_LABELS well-formed
 * names keep their own series; longer, odd or later names are counted as `other`.
 */
export const MAX_OPERATION_LABELS = 200;
const operationLabels = new Set<string>();

export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
  if (operationLabels.has(name)) return name;
  if (operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
  operationLabels.add(name);
  return name;
}
