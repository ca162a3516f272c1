/**
 * Every URN form of docs/graph-model.md ("URN forms"), built in one place so that ingestion, the API and the
 * services name the same thing the same way. ingest/<source> and src/ both import from here; a new form is added
 * here and to the table in docs/graph-model.md together.
 */

// dbt (ingest/dbt)
/** A dbt capsule or test: `urn:dbt:<namespace>:<unique_id>`. */
export const dbtUrn = (namespace: string, uniqueId: string) => `urn:dbt:${namespace}:${uniqueId}`;
/** One node's result in one invocation. */
export const dbtResultUrn = (namespace: string, invocationId: string, uniqueId: string) => `urn:dbt:${namespace}:result:${invocationId}:${uniqueId}`;
export const dbtInvocationUrn = (invocationId: string) => `urn:dbt:invocation:${invocationId}`;
/** A column: `<capsule urn>#<lower-cased name>`. */
export const columnUrn = (capsuleUrn: string, column: string) => `${capsuleUrn}#${column.toLowerCase()}`;

// Shared metadata: tags as written; owners (lower-cased key), domains and data products lower-cased.
export const tagUrn = (tag: string) => `urn:tag:${tag}`;
export const ownerUrn = (ownerKey: string) => `urn:owner:${ownerKey.toLowerCase()}`;
export const domainUrn = (domain: string) => `urn:domain:${domain.toLowerCase()}`;
export const dataProductUrn = (name: string) => `urn:dataproduct:${name.toLowerCase()}`;

// OpenLineage (ingest/openlineage)
export const olJobUrn = (namespace: string, name: string) => `urn:ol:job:${namespace}:${name}`;
export const olRunUrn = (runId: string) => `urn:ol:run:${runId}`;
export const olDatasetUrn = (namespace: string, name: string) => `urn:ol:dataset:${namespace}:${name}`;
/** Idempotence key of a RunEvent: the same (runId, eventType, eventTime) is the same event. */
export const olEventUrn = (runId: string, eventType: string, eventTime: string) => `urn:ol:event:${runId}:${eventType}:${eventTime}`;

// Runs of the other provenance sources
export const strategyRunUrn = (jobId: string) => `urn:strategy-run:${jobId}`;
export const imputationRunUrn = (jobId: string) => `urn:imputation:job:${jobId}`;
export const imputationPanelUrn = (panelKey: string) => `urn:imputation:panel:${panelKey}`;
export const nextflowRunUrn = (runNameOrId: string) => `urn:nextflow:run:${runNameOrId}`;

/**
 * The run URNs a bare id may stand for, most specific first: each source's run form (an OpenLineage runId, a dbt
 * invocation_id, a strategy job id, an imputation job id, a Nextflow run name or id).
 */
export const runUrnCandidates = (id: string): string[] => [olRunUrn(id), dbtInvocationUrn(id), strategyRunUrn(id), imputationRunUrn(id), nextflowRunUrn(id)];

// Bio
/** Fallback gene URNs when no HGNC id is known (`HGNC:<n>` otherwise). */
export const ensemblGeneUrn = (ensemblGeneId: string) => `urn:gene:ensembl:${ensemblGeneId}`;
export const entrezGeneUrn = (entrezId: string) => `urn:gene:entrez:${entrezId}`;
export const symbolGeneUrn = (taxonId: string, symbol: string) => `urn:gene:symbol:${taxonId}:${symbol.toUpperCase()}`;
/** A gene panel an annotation comes from (kidney-genetics evidence). */
export const genePanelUrn = (name: string) => `urn:panel:${name}`;

// Helix's own nodes
const INGESTION = 'urn:helix:ingestion:';
export const ingestionUrn = (id: string) => `${INGESTION}${id}`;
/** An ingestion id or its URN → its URN. */
export const asIngestionUrn = (idOrUrn: string) => (idOrUrn.startsWith(INGESTION) ? idOrUrn : ingestionUrn(idOrUrn));
/** An ingestion URN or id → its id. */
export const ingestionIdOf = (idOrUrn: string) => (idOrUrn.startsWith(INGESTION) ? idOrUrn.slice(INGESTION.length) : idOrUrn);
export const piiFindingUrn = (columnUrn: string, category: string) => `urn:helix:pii:${columnUrn}|${category}`;
export const ruleUrn = (ruleId: string) => `urn:helix:rule:${ruleId}`;
export const violationUrn = (ruleId: string, subjectUrn: string) => `urn:helix:violation:${ruleId}|${subjectUrn}`;
export const conformanceEvaluationUrn = (id: string) => `urn:helix:conformance-evaluation:${id}`;

// Provenance agents, files, workflows and steps (every run/provenance mapping)
export type AgentKind = 'user' | 'service' | 'software' | 'agent';

export function agentUrn(kind: AgentKind, id: string): string {
  return `urn:agent:${kind}:${id}`;
}

/** A software agent: `name@version` when the version is known and not already part of the name. */
export function softwareAgentId(name: string, version?: string): string {
  if (!version || name.includes(version)) return name;
  return `${name}@${version}`;
}

export function fileUrn(sha256OrPath: string): string {
  return `urn:file:${sha256OrPath}`;
}

export function workflowUrn(nameOrId: string): string {
  return `urn:workflow:${nameOrId}`;
}

/** Steps are named inside their job: `<job urn>#step:<name>`. */
export function stepUrn(jobUrn: string, stepName: string): string {
  return `${jobUrn}#step:${stepName}`;
}
