import { requireQueries } from './registry.js';

/**
 * The per-capsule read model of the nested lists a BI query asks for (issue #17, docs/benchmarks.md "Read model"):
 * per capsule, its tags, tests and columns (each with its tags and tests) as one JSON string on a
 * `(:CapsuleReadModel {urn})` node of its own, each nested node as [urn, labels, values of the keys below]. A node of
 * its own, not a property of the capsule: everything that reads properties(n) of the graph (the API's JSON fields,
 * exports, history versions, content hashes, diff, search) never sees it, and it is not a `:Node`.
 *
 * Always equal to the graph, or absent:
 * - every named write that can change a capsule's nested lists is listed in INVALIDATING_WRITES; the Executor runs
 *   invalidate-capsule-read-models in the same transaction, before the write, for the urns it touches (a guard test,
 *   test/unit/src/db/read-models.test.ts, fails when a cypher/ file writes these lists and is in neither table);
 * - a rebuild (rebuild-capsule-read-models) locks the capsule before it reads the graph, and so does an
 *   invalidation: one of them waits for the other's commit;
 * - the planned read (cypher/capsules/*-capsule-trees*.cypher) uses a capsule's model only when it exists with the
 *   current FORMAT and the selection reads no other keys, else it reads the graph as before, per capsule.
 */

/** The summary properties kept per nested level: identity and cheap scalars of the GraphQL types (no long texts). */
export const READ_MODEL_KEYS = {
  tags: ['name', 'namespace'],
  tests: ['name', 'testType', 'testName', 'severity', 'columnName', 'namespace'],
  columns: ['name', 'dataType', 'index', 'tags', 'namespace'],
} as const satisfies Record<string, readonly string[]>;

/** Stored with each model: a model of another format (other keys, other shape) is never read, and is rebuilt. */
export const READ_MODEL_FORMAT = `v1 ${JSON.stringify(READ_MODEL_KEYS)}`;

type Params = Record<string, unknown>;
type Touched = (p: Params) => string[];
type Row = Record<string, unknown>;

const rowUrns: Touched = (p) => (p.rows as Row[]).map((r) => String(r.urn));
/** The side of an edge whose own list it is in: tags of their tagged node, tests of their tested node, columns of their capsule. */
const ownerSide = (r: Row): string[] => {
  switch (r.type) {
    case 'TAGGED_WITH':
    case 'HAS_COLUMN':
      return [String(r.from)];
    case 'TESTS':
      return [String(r.to)];
    default:
      return [];
  }
};
const edgeOwners: Touched = (p) => (p.rows as Row[]).flatMap(ownerSide);

/**
 * Named writes that can change a capsule's nested lists, with the urns whose models they invalidate (see
 * invalidate-capsule-read-models.cypher for how a urn leads to its capsules).
 */
export const INVALIDATING_WRITES: Readonly<Record<string, Touched>> = {
  // Node content and labels (a Column's name, a Tag's labels, a Test's severity...), new and changed nodes.
  'ingest/merge-nodes': rowUrns,
  'ingest/create-nodes': rowUrns,
  'ingest/upsert-nodes': rowUrns,
  'ingest/merge-reference-nodes': rowUrns,
  'ingest/upsert-edges': edgeOwners,
  // end 'closed' deletes the edges; 'changed' only copies them into history before upsert-edges rewrites them.
  'history/archive-edges': (p) => (p.end === 'closed' ? edgeOwners(p) : []),
  'history/close-nodes': (p) => (p.urns as string[]).map(String),
  // The tagged capsule or column. The tag node is merged at its tag urn: either new (no other list holds it) or
  // already a Tag (SET t:Tag changes nothing), so no other capsule's list changes.
  'metadata/add-tag': (p) => [String(p.urn)],
  'metadata/remove-tag': (p) => [String(p.urn)],
};

/** Every other write of cypher/ (schema/ aside), and why it cannot change a nested list. */
export const NOT_INVALIDATING: Readonly<Record<string, string>> = {
  'auth/create-api-key': 'ApiKey nodes only',
  'auth/record-audit-event': 'AuditEvent nodes only',
  'auth/revoke-api-key': 'ApiKey nodes only',
  'auth/touch-api-key': 'ApiKey nodes only',
  'conformance/finish-evaluation': 'ConformanceEvaluation nodes only',
  'conformance/start-evaluation': 'ConformanceEvaluation nodes only',
  'conformance/resolve-passing': 'Violation nodes only',
  'conformance/update-violation-status': 'Violation nodes only',
  'ingest/checkpoint-ingestion': 'Ingestion nodes only',
  'ingest/fail-lost-ingestion': 'Ingestion nodes only',
  'ingest/fail-unfinished-ingestion': 'Ingestion nodes only',
  'ingest/finish-ingestion': 'Ingestion nodes only',
  'ingest/heartbeat-ingestion': 'Ingestion nodes only',
  'ingest/heartbeat-queued-ingestions': 'Ingestion nodes only',
  'ingest/queue-ingestion': 'Ingestion nodes only',
  'ingest/request-ingestion-cancel': 'Ingestion nodes only',
  'ingest/requeue-ingestion': 'Ingestion nodes only',
  'ingest/set-ingestion-input': 'Ingestion nodes only',
  'ingest/start-ingestion': 'Ingestion nodes only',
  'ingest/put-sql-lineage-cache': 'SqlLineageCache nodes only',
  'meta/bump-graph-version': 'HelixMeta only',
  'meta/record-demo-load': 'HelixMeta only',
  'meta/record-migration': 'HelixMigration only',
  'meta/record-query-check': 'HelixMeta only',
  'metadata/add-data-product-members': 'PART_OF edges: not in the model',
  'metadata/create-data-product': 'DataProduct nodes (with their domain and owner edges): not in the model',
  'metadata/update-data-product': 'DataProduct nodes: not in the model',
  'metadata/set-owner': 'OWNED_BY and Owner nodes: owners are not in the model',
  'metadata/set-domain': 'IN_DOMAIN and Domain nodes: not in the model',
  'metadata/remove-data-product-members': 'PART_OF edges: not in the model',
  'history/archive-nodes': 'creates NodeVersion nodes only (the live node is rewritten by a later, listed write)',
  'history/prune-versions': 'deletes NodeVersion/EdgeVersion nodes only',
  'meta/wipe-graph-batch': 'deletes every node, the models included',
  'ingest/prune-sql-lineage-cache': 'SqlLineageCache nodes only',
  'conformance/upsert-rules': 'Rule nodes only',
  'conformance/record-findings': 'Violation nodes and their VIOLATES/CONCERNS edges only',
  'conformance/upsert-pii-findings': 'PiiFinding nodes and FLAGS edges only (PII propagation tags nothing)',
  'conformance/delete-pii-findings': 'PiiFinding nodes only',
  'conformance/create-evaluation': 'Evaluation nodes only',
  'read-models/invalidate-capsule-read-models': 'the read model itself',
  'read-models/rebuild-capsule-read-models': 'the read model itself',
};

const NODE_WRITES = new Set(['ingest/merge-nodes', 'ingest/create-nodes', 'ingest/upsert-nodes', 'ingest/merge-reference-nodes']);

/**
 * The capsules a named write creates or labels as such: they have no model to invalidate (the invalidation runs
 * before the write), but need one built after it.
 */
export function readModelBuilds(name: string, params: Params): string[] {
  if (!NODE_WRITES.has(name)) return [];
  return (params.rows as Row[]).filter((r) => Array.isArray(r.labels) && r.labels.includes('Capsule')).map((r) => String(r.urn));
}

/** Whether a named write can change nested lists (and so runs with an invalidation in its transaction). */
export function invalidatesReadModels(name: string): boolean {
  return Object.hasOwn(INVALIDATING_WRITES, name);
}

/** The urns a named write touches when it can change nested lists, else null. */
export function readModelTouches(name: string, params: Params): string[] | null {
  const touched = INVALIDATING_WRITES[name];
  return touched ? touched(params) : null;
}

export const READ_MODEL_QUERIES = requireQueries([
  'read-models/invalidate-capsule-read-models',
  'read-models/rebuild-capsule-read-models',
  'read-models/list-capsules-without-read-model',
] as const);
