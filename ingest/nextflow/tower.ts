import type { MappedGraph, Props, StreamedBatch } from '../core/graph.js';
import { readJsonValues } from '../common/json-values.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { toUtcIso } from '../common/time.js';
import { agentUrn, softwareAgentId, stepUrn, workflowUrn } from '../common/urns.js';
import { asArray, asBoolean, asNumber, asString, isObject, jsonProp, type JsonObject } from '../common/values.js';
import { mapTask, nextflowRunUrn, type RawValue } from './tasks.js';

export interface NextflowMessagesOptions {
  /** Run the messages belong to, needed when task messages come before (or without) a workflow message. */
  runName?: string;
  file?: string;
}

/**
 * The JSON messages Nextflow posts while it runs — Tower/Seqera Platform trace messages (`workflow`, `tasks[]`,
 * `progress`, `metrics`) and `-with-weblog` events (`event`, `runName`, `trace`, `metadata.workflow`) — in arrival
 * order, as the Run, its Job, its process Steps and one StepRun per task. Later messages about the same task update
 * it; each StepRun carries lastEventTime/lastEventRank so a writer can keep the newest state across batches.
 */
export function mapNextflowMessages(messages: unknown[], opts: NextflowMessagesOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  const state: MessageState = { runName: opts.runName };
  messages.forEach((message, index) => mapMessage(b, state, message, opts.file, index));
  return b.build();
}

/**
 * The same from a file of messages (NDJSON, a JSON array or concatenated objects), streamed in batches; the run
 * named by an early workflow message applies to the task messages of later batches.
 */
export async function* readNextflowMessages(file: string, opts: NextflowMessagesOptions & { batchSize?: number } = {}): AsyncGenerator<StreamedBatch> {
  const state: MessageState = { runName: opts.runName };
  const batchSize = opts.batchSize ?? 500;
  let b = new GraphBuilder();
  let position = 0;
  let inBatch = 0;
  for await (const item of readJsonValues(file)) {
    position += 1;
    if (item.error !== undefined) {
      b.issue({ severity: 'warning', code: 'NEXTFLOW_MESSAGE_INVALID', message: item.error, file, line: item.line });
    } else {
      mapMessage(b, state, item.value, file, position - 1, item.line);
    }
    inBatch += 1;
    if (inBatch >= batchSize) {
      yield { ...b.build(), position };
      b = new GraphBuilder();
      inBatch = 0;
    }
  }
  yield { ...b.build(), position };
}

interface MessageState {
  runName?: string;
  jobUrn?: string;
}

function mapMessage(b: GraphBuilder, state: MessageState, message: unknown, file: string | undefined, index: number, line?: number): void {
  if (!isObject(message)) {
    b.issue({ severity: 'warning', code: 'NEXTFLOW_MESSAGE_INVALID', message: `message ${index} is not an object`, file, line });
    return;
  }
  const workflow = isObject(message.workflow)
    ? message.workflow
    : isObject(message.metadata) && isObject(message.metadata.workflow)
      ? message.metadata.workflow
      : undefined;
  state.runName ??= asString(message.runName) ?? (workflow ? (asString(workflow.runName) ?? asString(workflow.id)) : undefined);
  if (!state.runName) {
    b.issue({ severity: 'error', code: 'NEXTFLOW_MESSAGE_WITHOUT_RUN', message: `message ${index} names no run and no runName option was given`, file, line });
    return;
  }
  const runUrn = nextflowRunUrn(state.runName);
  b.node(runUrn, ['Run'], { runId: state.runName, name: state.runName, kind: 'nextflow' });
  if (workflow) state.jobUrn = mapWorkflow(b, runUrn, workflow) ?? state.jobUrn;
  const jobUrn = state.jobUrn;
  for (const name of asArray(message.processNames)) {
    if (typeof name === 'string' && jobUrn) b.edge('HAS_STEP', jobUrn, b.node(stepUrn(jobUrn, name), ['Step'], { name }));
  }
  const tasks = [...asArray(message.tasks), ...(isObject(message.trace) ? [message.trace] : [])];
  for (const task of tasks) {
    if (isObject(task)) mapTask({ b, runUrn, jobUrn, file }, task as Record<string, RawValue>, line);
  }
  if (isObject(message.progress)) b.node(runUrn, ['Run'], { progressJson: jsonProp(message.progress) });
  if (Array.isArray(message.metrics)) b.node(runUrn, ['Run'], { metricsJson: jsonProp(message.metrics) });
  const event = asString(message.event);
  if (event === 'error' || event === 'completed' || event === 'started') b.node(runUrn, ['Run'], weblogState(event, message));
  b.count('messages');
}

function mapWorkflow(b: GraphBuilder, runUrn: string, wf: JsonObject): string | undefined {
  const manifest = isObject(wf.manifest) ? wf.manifest : {};
  const nextflow = isObject(wf.nextflow) ? wf.nextflow : {};
  const pipeline = asString(manifest.name) ?? asString(wf.projectName) ?? asString(wf.repository) ?? asString(wf.scriptName);
  const complete = toUtcIso(wf.complete);
  const success = asBoolean(wf.success);
  const props: Props = {
    workflowId: asString(wf.id),
    sessionId: asString(wf.sessionId),
    status: complete ? (success === true ? 'completed' : 'failed') : 'running',
    startedAt: toUtcIso(wf.start),
    endedAt: complete,
    durationMs: asNumber(wf.duration),
    exitStatus: asNumber(wf.exitStatus),
    error: asString(wf.errorMessage),
    errorReport: asString(wf.errorReport),
    commandLine: asString(wf.commandLine),
    profile: asString(wf.profile),
    revision: asString(wf.revision),
    commitId: asString(wf.commitId),
    repository: asString(wf.repository),
    projectName: asString(wf.projectName),
    scriptName: asString(wf.scriptName),
    scriptId: asString(wf.scriptId),
    workDir: asString(wf.workDir),
    launchDir: asString(wf.launchDir),
    container: asString(wf.container),
    resume: asBoolean(wf.resume),
    configFiles: asArray(wf.configFiles).filter((f): f is string => typeof f === 'string'),
    parametersJson: jsonProp(wf.params),
    statsJson: jsonProp(wf.stats),
    lastEventTime: complete ?? toUtcIso(wf.start),
    lastEventRank: complete ? 3 : 1,
  };
  if ((props.configFiles as string[]).length === 0) props.configFiles = undefined;
  b.node(runUrn, ['Run'], props);
  const user = asString(wf.userName);
  if (user) b.edge('WAS_ASSOCIATED_WITH', runUrn, b.reference(agentUrn('user', user), ['Agent'], { kind: 'user', name: user }), { role: 'launcher' });
  const version = asString(nextflow.version);
  if (version) {
    const engine = b.reference(agentUrn('software', softwareAgentId('nextflow', version)), ['Agent'], { kind: 'software', name: 'nextflow', version, build: asNumber(nextflow.build) });
    b.edge('WAS_ASSOCIATED_WITH', runUrn, engine, { role: 'engine' });
  }
  if (!pipeline) return undefined;
  const jobUrn = b.node(workflowUrn(pipeline), ['Job'], {
    name: pipeline,
    kind: 'nextflow',
    description: asString(manifest.description),
    version: asString(manifest.version),
    repository: asString(wf.repository),
    homePage: asString(manifest.homePage),
    mainScript: asString(manifest.mainScript),
  });
  b.edge('INSTANCE_OF', runUrn, jobUrn);
  return jobUrn;
}

/** A weblog lifecycle event's effect on the run. */
function weblogState(event: string, message: JsonObject): Props {
  const time = toUtcIso(message.utcTime);
  if (event === 'started') return { status: 'running', startedAt: time, lastEventTime: time, lastEventRank: 1 };
  if (event === 'error') return { status: 'failed', endedAt: time, lastEventTime: time, lastEventRank: 3 };
  return { lastEventTime: time, lastEventRank: 3 };
}
