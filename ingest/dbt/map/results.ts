import type { DbtFreshnessResult, DbtResult } from '../artifacts.js';
import type { ArtifactMetadata } from '../schema/metadata.js';
import { isTestType } from './capsule-types.js';
import type { MapContext } from './context.js';
import { dbtInvocationUrn as invocationUrn, dbtResultUrn, stepUrn } from '../../common/urns.js';

export { invocationUrn };
import { jsonProp } from '../../common/values.js';
import { projectNameOf } from './namespace.js';

/** The project as a job (PROV Plan) every invocation is an instance of; its steps are the nodes dbt ran. */
export function dbtJobUrn(namespace: string): string {
  return `urn:dbt:${namespace}:job`;
}

export function dbtStepUrn(namespace: string, uniqueId: string): string {
  return stepUrn(dbtJobUrn(namespace), uniqueId);
}

/**
 * Invocation nodes for the manifest, run_results and sources.json, and one result node per result:
 * TestResult for tests and unit tests, RunResult otherwise (source freshness included), each RESULT_OF its Test
 * or Capsule and IN_INVOCATION its invocation. Returns the invocation ids in order of appearance.
 *
 * In the run model every source shares (docs/model/provenance.md) an invocation is a Run INSTANCE_OF the project's
 * Job, and each result a StepRun PART_OF_RUN the invocation and INSTANCE_OF the Step of its node, so
 * `runs(filter: {job})` finds dbt runs like any other. Job and steps are references: no artifact owns them.
 */
export function mapResults(ctx: MapContext): string[] {
  const ids: string[] = [];
  // The manifest's invocation records the project's own name: conformance rules tell the project's own models from
  // installed packages' by it, whatever namespace the capsules were given.
  const manifestInvocation = addInvocation(ctx, ctx.manifest.metadata, { projectName: projectNameOf(ctx.manifest) ?? ctx.namespace }, ids);
  if (manifestInvocation) ctx.g.count('invocations');
  const run = ctx.artifacts.runResults;
  if (run) {
    addRun(ctx, run.metadata, run.results, { command: run.command, invocationCommand: run.invocationCommand, elapsedTime: run.elapsedTime }, ids, ctx.artifacts.runResultsPath);
  }
  const freshness = ctx.artifacts.sources;
  if (freshness) {
    addRun(ctx, freshness.metadata, freshness.results, { command: 'source freshness', elapsedTime: freshness.elapsedTime }, ids, ctx.artifacts.sourcesPath);
  }
  return ids;
}

interface RunInfo {
  command?: string | undefined;
  invocationCommand?: string | undefined;
  elapsedTime?: number | undefined;
}

function addRun(
  ctx: MapContext,
  metadata: ArtifactMetadata,
  results: Array<DbtResult | DbtFreshnessResult>,
  info: RunInfo,
  ids: string[],
  file: string | undefined,
): void {
  const status = results.some((r) => normaliseStatus(r.status) === 'error')
    ? 'error'
    : results.some((r) => r.status === 'fail')
      ? 'fail'
      : 'success';
  const starts = results.map((r) => r.startedAt).filter((t): t is string => t !== undefined).sort();
  const invocation = addInvocation(ctx, metadata, { ...info, status, firstStartedAt: starts[0] }, ids);
  if (!invocation) {
    ctx.g.issue({ severity: 'warning', code: 'DBT_NO_INVOCATION_ID', message: 'results without metadata.invocation_id ignored', file });
    return;
  }
  ctx.g.count('invocations');
  for (const result of results) addResult(ctx, invocation, result, file);
}

function addInvocation(
  ctx: MapContext,
  metadata: ArtifactMetadata,
  info: RunInfo & { status?: string; firstStartedAt?: string | undefined; projectName?: string },
  ids: string[],
): { id: string; urn: string } | undefined {
  const id = metadata.invocation_id;
  if (!id) return undefined;
  const urn = invocationUrn(id);
  ctx.g.addNode({
    urn,
    labels: ['Run', 'Invocation'],
    props: {
      invocationId: id,
      kind: 'dbt',
      dbtVersion: metadata.dbt_version ?? undefined,
      command: info.command,
      invocationCommand: info.invocationCommand,
      generatedAt: metadata.generated_at ?? undefined,
      // invocation_started_at exists from run-results v6; before, the first result's start stands in.
      startedAt: metadata.invocation_started_at ?? info.firstStartedAt,
      elapsedTime: info.elapsedTime,
      status: info.status,
      namespace: ctx.namespace,
      projectName: info.projectName,
    },
  });
  const job = dbtJobUrn(ctx.namespace);
  ctx.g.addNode({ urn: job, labels: ['Job'], props: { name: ctx.namespace, namespace: 'dbt', kind: 'dbt' }, mode: 'reference' });
  ctx.g.addEdge('INSTANCE_OF', urn, job);
  if (!ids.includes(id)) ids.push(id);
  return { id, urn };
}

function addResult(ctx: MapContext, invocation: { id: string; urn: string }, r: DbtResult | DbtFreshnessResult, file: string | undefined): void {
  const urn = dbtResultUrn(ctx.namespace, invocation.id, r.uniqueId);
  if (ctx.g.hasNode(urn)) {
    ctx.g.issue({ severity: 'info', code: 'DBT_DUPLICATE_RESULT', message: `second result of ${r.uniqueId} in one invocation ignored`, file, subject: urn });
    return;
  }
  const resourceType = ctx.manifest.resources.get(r.uniqueId)?.resourceType ?? r.uniqueId.split('.')[0] ?? '';
  const isTest = isTestType(resourceType);
  const freshness = 'maxLoadedAt' in r || 'snapshottedAt' in r || 'criteria' in r ? (r as DbtFreshnessResult) : undefined;
  ctx.g.addNode({
    urn,
    labels: ['Run', 'StepRun', isTest ? 'TestResult' : 'RunResult'],
    props: {
      uniqueId: r.uniqueId,
      invocationId: invocation.id,
      resourceType,
      status: normaliseStatus(r.status),
      rawStatus: r.status,
      executionTime: r.executionTime,
      failures: r.failures,
      message: r.message,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
      threadId: r.threadId,
      adapterResponseJson: jsonProp(r.adapterResponse, 'as-given'),
      maxLoadedAt: freshness?.maxLoadedAt,
      snapshottedAt: freshness?.snapshottedAt,
      maxLoadedAtTimeAgoInS: freshness?.maxLoadedAtTimeAgoInS,
      criteriaJson: jsonProp(freshness?.criteria, 'as-given'),
    },
  });
  ctx.g.addEdge('IN_INVOCATION', urn, invocation.urn);
  ctx.g.addEdge('PART_OF_RUN', urn, invocation.urn);
  const step = dbtStepUrn(ctx.namespace, r.uniqueId);
  ctx.g.addNode({ urn: step, labels: ['Step'], props: { name: r.uniqueId, resourceType, kind: 'dbt' }, mode: 'reference' });
  ctx.g.addEdge('INSTANCE_OF', urn, step);
  ctx.g.addEdge('HAS_STEP', dbtJobUrn(ctx.namespace), step);
  ctx.g.count(isTest ? 'testResults' : 'runResults');
  const target = ctx.tests.get(r.uniqueId) ?? ctx.capsules.get(r.uniqueId)?.urn;
  if (target) {
    ctx.g.addEdge('RESULT_OF', urn, target);
    return;
  }
  const known = ctx.manifest.resources.has(r.uniqueId);
  ctx.g.count('resultsUnmatched');
  ctx.g.issue({
    severity: known ? 'info' : 'warning',
    code: 'DBT_RESULT_UNMATCHED',
    message: known
      ? `result of ${r.uniqueId} (a ${resourceType}, neither test nor capsule): no RESULT_OF edge`
      : `result of ${r.uniqueId}, which is not an enabled node of the manifest (results of another invocation?): no RESULT_OF edge`,
    file,
    subject: urn,
  });
}

/** dbt writes `runtime error` for freshness and compilation failures; everything else is kept as written. */
function normaliseStatus(status: string): string {
  const lower = status.toLowerCase();
  return lower === 'runtime error' ? 'error' : lower;
}
