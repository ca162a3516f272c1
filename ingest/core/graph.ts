/**
 * The contract between every ingester's pure mapping and the shared graph writer.
 *
 * A mapping turns an artifact into nodes, edges and issues; it never touches Neo4j. Every node is keyed by a
 * globally unique `urn` (the writer MERGEs on `(:Node {urn})`), carries one or more domain labels, and only
 * Neo4j-storable property values: nested objects are serialised to JSON strings by the mapping (`metaJson`).
 */
export type Scalar = string | number | boolean | null;
export type PropValue = Scalar | string[] | number[] | boolean[];
export type Props = Record<string, PropValue | undefined>;

export interface GraphNode {
  urn: string;
  /** Domain labels, most general first, e.g. ['Capsule', 'Model']. `Node` is added by the writer. */
  labels: string[];
  props: Props;
  /**
   * `upsert` (default): owned by this ingestion scope; updated when its content changes, deleted when a later
   * ingestion of the same scope no longer emits it.
   * `insert`: owned, written once: a node with the same urn that already exists is left as it is (an event log,
   * where the same key means the same event).
   * `reference`: a node this artifact points at but does not own (a capsule of another dbt project, a gene named
   * by an annotation file); created with `props` if missing, otherwise left untouched, never deleted.
   */
  mode?: 'upsert' | 'insert' | 'reference';
}

export interface GraphEdge {
  type: string;
  from: string;
  to: string;
  props?: Props;
}

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface IngestIssue {
  severity: IssueSeverity;
  /** Stable machine-readable code, e.g. DBT_DANGLING_DEPENDENCY, SQL_PARSE_FAILED, BAD_NUMBER. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  /** The urn or identifier the issue is about. */
  subject?: string;
}

export interface MappedGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  issues: IngestIssue[];
  /** Free-form counters worth reporting (e.g. disabled nodes skipped). */
  stats?: Record<string, number>;
  preserve?: PreservedEdges[];
}

export function emptyGraph(): MappedGraph {
  return { nodes: [], edges: [], issues: [], stats: {} };
}

/**
 * Edges of `type` leaving node `from` that a later ingestion must keep even though it no longer emits them
 * (e.g. column lineage of a model whose new manifest has no compiled code).
 */
export interface PreservedEdges {
  from: string;
  type: string;
}

/** A batch of a streamed source; `position` is how many input records are consumed once it is written. */
export interface StreamedBatch extends MappedGraph {
  position: number;
}

/** Properties the writer maintains itself; never part of a node's content. */
export const BOOKKEEPING_PROPS: ReadonlySet<string> = new Set(['urn', 'contentHash', 'ingestScope', 'firstSeenAt', 'writtenAt', 'reference']);
