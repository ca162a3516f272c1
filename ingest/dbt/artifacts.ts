import type { IngestIssue } from '../core/graph.js';
import type { ArtifactMetadata } from './schema/metadata.js';

/**
 * The dbt artifacts as read: only the fields the mapping uses, normalised across schema versions
 * (raw_sql/raw_code, compiled_sql/compiled_code, list/object refs, Windows paths, string/number versions).
 */
export interface DbtArtifacts {
  manifest: DbtManifest;
  manifestPath: string;
  catalog?: DbtCatalog;
  catalogPath?: string;
  runResults?: DbtRunResults;
  runResultsPath?: string;
  sources?: DbtFreshness;
  sourcesPath?: string;
  /** Problems met while reading (bad JSON tokens, unknown versions, invalid entries). */
  issues: IngestIssue[];
}

/** Manifest sections holding resources; `nodes` mixes models, seeds, snapshots, analyses, tests and operations. */
export type ResourceSection =
  | 'nodes'
  | 'sources'
  | 'exposures'
  | 'metrics'
  | 'semantic_models'
  | 'saved_queries'
  | 'unit_tests';

export interface DbtManifest {
  metadata: ArtifactMetadata;
  /** N of `.../manifest/vN.json`, when readable. */
  schemaVersion?: number;
  /** Enabled resources of every section, by unique_id. */
  resources: Map<string, DbtResource>;
  groups: Map<string, DbtGroup>;
  /** Disabled resources (dict of lists from v4, a list before): just enough to recognise references to them. */
  disabled: Map<string, DisabledResource>;
  /** unique_ids of other manifest members that are not mapped (functions), so they are not taken for dangling. */
  otherIds: Set<string>;
  /** Every package name seen (nodes, sources, macros, disabled): the root project and the installed packages. */
  packages: Set<string>;
}

export interface DisabledResource {
  uniqueId: string;
  resourceType: string;
  name?: string;
  packageName?: string;
}

export interface DbtRef {
  name: string;
  package?: string;
  version?: string;
}

export interface DbtColumnInfo {
  name: string;
  description?: string;
  dataType?: string;
  tags: string[];
  meta: Record<string, unknown>;
  constraints: unknown[];
}

export interface DbtOwnerInfo {
  email?: string;
  name?: string;
}

export interface DbtTestInfo {
  testName?: string;
  testNamespace?: string;
  kwargs?: Record<string, unknown>;
  columnName?: string;
  attachedNode?: string;
  severity?: string;
}

export interface DbtResource {
  uniqueId: string;
  resourceType: string;
  name: string;
  section: ResourceSection;
  packageName?: string;
  database?: string;
  schema?: string;
  alias?: string;
  identifier?: string;
  relationName?: string;
  description?: string;
  label?: string;
  tags: string[];
  /** `meta` merged with `config.meta` (and a source's `source_meta` underneath). */
  meta: Record<string, unknown>;
  materialized?: string;
  language?: string;
  access?: string;
  group?: string;
  version?: string;
  latestVersion?: string;
  deprecationDate?: string;
  contractEnforced?: boolean;
  /** original_file_path with forward slashes. */
  filePath?: string;
  checksum?: string;
  compiledCode?: string;
  /** Kept only when there is no compiled code (parse-only manifests). */
  rawCode?: string;
  dependsOn: string[];
  refs: DbtRef[];
  columns: DbtColumnInfo[];
  constraints: unknown[];
  /** A model injected from another dbt project (dbt mesh / dbt-loom): empty `path` and `original_file_path`. */
  external: boolean;
  sourceName?: string;
  loader?: string;
  freshness?: unknown;
  exposureType?: string;
  url?: string;
  maturity?: string;
  owner?: DbtOwnerInfo;
  metricType?: string;
  expression?: unknown;
  /** Semantic models and unit tests: the model they are about (`ref('x')` or a name). */
  model?: string;
  test?: DbtTestInfo;
}

export interface DbtGroup {
  uniqueId: string;
  name: string;
  packageName?: string;
  filePath?: string;
  owner?: DbtOwnerInfo;
}

export interface DbtCatalog {
  metadata: ArtifactMetadata;
  entries: Map<string, DbtCatalogEntry>;
}

export interface DbtCatalogColumn {
  name: string;
  type?: string;
  index?: number;
  comment?: string;
}

export interface DbtCatalogEntry {
  uniqueId: string;
  columns: DbtCatalogColumn[];
  tableType?: string;
  comment?: string;
  owner?: string;
  rowCount?: number;
  sizeBytes?: number;
}

export interface DbtResult {
  uniqueId: string;
  status: string;
  executionTime?: number;
  failures?: number;
  message?: string;
  threadId?: string;
  startedAt?: string;
  completedAt?: string;
  adapterResponse?: Record<string, unknown>;
}

export interface DbtRunResults {
  metadata: ArtifactMetadata;
  command?: string;
  invocationCommand?: string;
  elapsedTime?: number;
  results: DbtResult[];
}

export interface DbtFreshnessResult extends DbtResult {
  maxLoadedAt?: string;
  snapshottedAt?: string;
  maxLoadedAtTimeAgoInS?: number;
  criteria?: unknown;
}

export interface DbtFreshness {
  metadata: ArtifactMetadata;
  elapsedTime?: number;
  results: DbtFreshnessResult[];
}
