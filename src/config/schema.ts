import { z } from 'zod';

const bool = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));
/** A switch whose default depends on NODE_ENV (see `exposes` in load.ts): unset stays undefined. */
const optionalBool = bool.optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HELIX_HOST: z.string().default('127.0.0.1'),
  HELIX_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Bolt URI of an external Neo4j; unset → the local Neo4j of this checkout is started or reused. */
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().default('neo4j'),
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  NEO4J_MAX_POOL: z.coerce.number().int().positive().default(50),
  /** Longest wait for a pooled Neo4j connection, and to open one (fail fast when Neo4j is away). */
  NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  NEO4J_CONNECTION_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
  /** How long the driver retries a transaction on transient errors (deadlocks, leader elections). */
  NEO4J_MAX_RETRY_MS: z.coerce.number().int().min(0).default(15_000),
  /** Neo4j health probe: every interval, failing after the timeout; an outage is known within their sum. */
  HELIX_HEALTH_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  HELIX_HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are closed. */
  HELIX_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  /** Local Neo4j (no NEO4J_URI): Bolt port (0 = 7687 if free, else any free port), auth, memory. */
  HELIX_NEO4J_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  HELIX_NEO4J_AUTH: bool.default(false),
  HELIX_NEO4J_HEAP: z.string().default('2g'),
  HELIX_NEO4J_PAGECACHE: z.string().default('1g'),
  HELIX_NEO4J_HOME: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** `off`: no result or response cache at all (every answer computed; benchmarks, debugging). */
  HELIX_CACHE: z.enum(['on', 'off']).default('on'),
  HELIX_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  /** Days ended versions and closed elements are kept (docs/graph-model.md, history); unset keeps them all. */
  HELIX_HISTORY_DAYS: z.coerce.number().positive().optional(),
  /**
   * How old a graph-version read may be for a cached answer (0 = strict: every completed write is seen). Writes by
   * other processes (ingestions) then reach cached lineage within this window; this process's own are seen at once.
   */
  HELIX_GRAPH_VERSION_STALENESS_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  HELIX_AUTH_TOKEN: z.string().optional(),
  /**
   * How callers prove who they are (docs/security.md): `off`, `token` (HELIX_AUTH_TOKEN only), `keys` (API keys made
   * by `helix keys create`), `oidc` (JWT bearer tokens of an identity provider); `keys,oidc` combines the last two.
   * Unset: `token` when HELIX_AUTH_TOKEN is set, else `off`. HELIX_AUTH_TOKEN is an admin key in every mode but off.
   */
  HELIX_AUTH_MODE: z.string().optional(),
  /** OIDC: the issuer (`iss`) tokens must name, the audience (`aud`) they must be for, and where the signing keys are. */
  HELIX_OIDC_ISSUER: z.string().optional(),
  HELIX_OIDC_AUDIENCE: z.string().optional(),
  HELIX_OIDC_JWKS_URL: z.string().url().optional(),
  /** OIDC: the claim holding the role (viewer, editor, admin; a list takes its highest) and the namespaces claim. */
  HELIX_OIDC_ROLE_CLAIM: z.string().default('helix_role'),
  HELIX_OIDC_NAMESPACES_CLAIM: z.string().default('helix_namespaces'),
  /**
   * How long a server trusts an API key it verified before reading it again (0: every request). Revocations reach
   * every process at once through the shared cache regardless; this bounds the trust when that signal is lost.
   */
  HELIX_KEY_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** GraphiQL at GET /graphql; default on, off in production. */
  HELIX_GRAPHIQL: optionalBool,
  /** Schema introspection; default on, off in production (BI tools that need it turn it on explicitly). */
  HELIX_INTROSPECTION: optionalBool,
  /** "Did you mean …?" hints in errors; default on, off in production. */
  HELIX_FIELD_SUGGESTIONS: optionalBool,
  /**
   * Operations one POST /graphql may carry as a JSON array (batching); 0 (default) turns batching off, and an array
   * is then refused (4xx) like a batch above the limit.
   */
  HELIX_GRAPHQL_BATCH_LIMIT: z.coerce.number().int().min(0).max(100).default(0),
  /**
   * Persisted operations for BI tools (docs/security.md): a JSON file, either an object `{ "<sha256>": "<query>" }`
   * or an array of sha256 hashes (the client then sends the query along with its hash once it is allowed).
   */
  HELIX_PERSISTED_OPERATIONS: z.string().optional(),
  /** With HELIX_PERSISTED_OPERATIONS: refuse every document that is not one of them. */
  HELIX_PERSISTED_OPERATIONS_ONLY: bool.default(false),
  /** Largest request body on /graphql (413 above). */
  HELIX_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Bearer token for /metrics (a scraper's own); without it /metrics takes HELIX_AUTH_TOKEN when that is set. */
  HELIX_METRICS_TOKEN: z.string().optional(),
  HELIX_CORS_ORIGINS: z.string().default('http://localhost:4000,http://127.0.0.1:4000'),
  /** Requests a caller (an API key, an OIDC subject, the token; an address only when unauthenticated) may make per minute. */
  HELIX_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * Expensive operations a caller may start per minute, besides the request budget: lineage deeper than
   * HELIX_RATE_LIMIT_DEEP_LINEAGE_DEPTH (or without a depth), impact, lineagePath, exportLink, evaluateConformance,
   * startIngestion, GET /api/v1/export. Unset: a tenth of HELIX_RATE_LIMIT_PER_MINUTE.
   */
  HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE: z.coerce.number().int().positive().optional(),
  /** A lineage query with a depth above this (or none: as deep as lineage goes) counts as expensive. */
  HELIX_RATE_LIMIT_DEEP_LINEAGE_DEPTH: z.coerce.number().int().positive().default(5),
  /** Failed authentications an address may make per minute before it is refused (429) for the rest of the minute. */
  HELIX_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Redis key prefix of the rate limiter: deployments sharing a Redis but not a budget use different ones. */
  HELIX_RATE_LIMIT_KEY_PREFIX: z.string().default('helix:rl'),
  HELIX_MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  HELIX_MAX_QUERY_COST: z.coerce.number().int().positive().default(50_000),
  /** Folders `startIngestion` may read from (comma-separated); unset → ingestion through the API is disabled. */
  HELIX_INGEST_ROOTS: z.string().optional(),
  /** Largest file an ingestion (startIngestion, `helix ingest`) may read; larger ones are refused up front. */
  HELIX_INGEST_MAX_FILE_BYTES: z.coerce.number().int().positive().default(256 * 1024 * 1024),
  /** Background ingestions run at once (more queue). */
  HELIX_INGEST_CONCURRENCY: z.coerce.number().int().positive().default(1),
  /**
   * Who runs startIngestion/evaluateConformance jobs: `queue` (BullMQ at REDIS_URL, consumed by `helix worker`),
   * `process` (this server, at most HELIX_INGEST_CONCURRENCY at once), `auto` (queue when REDIS_URL is set).
   */
  HELIX_JOB_RUNNER: z.enum(['auto', 'queue', 'process']).default('auto'),
  /** The conformance rule set the server evaluates (YAML, docs/conformance.md); default: helix.rules.yml if present. */
  HELIX_RULES_FILE: z.string().optional(),
  /** Longest a single conformance rule's query may run. */
  HELIX_RULE_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /** Mermaid exports refuse scopes with more nodes than this (Mermaid does not draw large graphs). */
  HELIX_EXPORT_MERMAID_MAX_NODES: z.coerce.number().int().positive().default(500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
});

export type Config = z.infer<typeof configSchema>;
