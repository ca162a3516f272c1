import type { MappedGraph, Props } from '../core/graph.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { normalizeStatus } from '../common/run-status.js';
import { durationMs, toUtcIso } from '../common/time.js';
import { isObject, jsonProp, parametersHash, type JsonObject } from '../common/values.js';
import { CrateGraph, literal, refIds, types } from './crate-graph.js';
import { agentNode, fileNode, jobNode, parameterValue, stepNode } from './entities.js';

export interface RoCrateOptions {
  file?: string;
  /**
   * Identity of the crate, used to scope its relative @ids (default: the root's `identifier`, else a hash of the
   * metadata file) so `packed.cwl` of two crates are two workflows.
   */
  crateId?: string;
}

export function rocrateActionUrn(qualifiedId: string): string {
  return `urn:rocrate:action:${qualifiedId}`;
}

const ACTION_TYPES = ['CreateAction', 'ControlAction', 'OrganizeAction', 'UpdateAction', 'ActivateAction'];

/**
 * A Workflow Run RO-Crate (Process / Workflow / Provenance Run Crate profiles, and engine crates that follow them
 * loosely). CreateActions become Runs (workflow run: instrument is the mainEntity) or StepRuns (controlled by a
 * ControlAction, or running a tool of the workflow); an OrganizeAction is the engine's Run, parent of the workflow
 * run it produced. object → USED, result → WAS_GENERATED_BY, agent → WAS_ASSOCIATED_WITH.
 */
export function mapRoCrate(text: string, opts: RoCrateOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  const where = { file: opts.file };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    b.issue({ severity: 'error', code: 'ROCRATE_INVALID_JSON', message: (err as Error).message, ...where });
    return b.build();
  }
  if (!isObject(doc) || !Array.isArray(doc['@graph'])) {
    b.issue({ severity: 'error', code: 'ROCRATE_NO_GRAPH', message: 'no @graph array in the crate metadata', ...where });
    return b.build();
  }
  const crate = new CrateGraph(doc['@graph'], text, opts.crateId);
  if (crate.duplicateIds.length > 0) {
    b.issue({ severity: 'info', code: 'ROCRATE_DUPLICATE_ID', message: `entities described more than once (merged): ${crate.duplicateIds.join(', ')}`, ...where });
  }
  new CrateMapper(crate, b).map();
  return b.build();
}

class CrateMapper {
  private workflowJob?: string;
  private readonly stepByHowTo = new Map<string, string>();
  private readonly controlledBy = new Map<string, string>();
  private readonly workflowRuns: string[] = [];
  private readonly generatedBy = new Map<string, string[]>();

  constructor(
    private readonly crate: CrateGraph,
    private readonly b: GraphBuilder,
  ) {}

  map(): void {
    const main = this.crate.mainEntityId;
    if (main) {
      this.workflowJob = jobNode(this.crate, this.b, main);
      refIds(this.crate.get(main)?.step).forEach((s, i) => this.stepByHowTo.set(s, stepNode(this.crate, this.b, this.workflowJob!, s, i)));
    }
    const actions = [...this.crate.byId.values()].filter((e) => types(e).some((t) => ACTION_TYPES.includes(t)));
    for (const control of actions.filter((a) => types(a).includes('ControlAction'))) {
      const howTo = refIds(control.instrument)[0];
      for (const target of refIds(control.object)) if (howTo) this.controlledBy.set(target, howTo);
    }
    const isStep = (a: JsonObject): boolean => this.isStepAction(a, main);
    const creates = actions.filter((a) => !types(a).includes('ControlAction') && !types(a).includes('OrganizeAction'));
    // Workflow runs first, so step runs can be attached to them.
    for (const action of creates.filter((a) => !isStep(a))) this.mapRun(action, main);
    for (const action of creates.filter(isStep)) this.mapStepRun(action);
    for (const action of actions.filter((a) => types(a).includes('OrganizeAction'))) this.mapEngineRun(action);
    this.linkInformedBy();
    this.b.count('actions', actions.length);
  }

  private isStepAction(action: JsonObject, main: string | undefined): boolean {
    const id = String(action['@id']);
    if (this.controlledBy.has(id)) return true;
    const instrument = refIds(action.instrument)[0];
    if (!main || !instrument || instrument === main) return false;
    const parts = refIds(this.crate.get(main)?.hasPart);
    return parts.includes(instrument) || instrument.startsWith(`${main}#`);
  }

  private runProps(action: JsonObject, actionType: string): Props {
    const startedAt = toUtcIso(literal(action.startTime));
    const endedAt = toUtcIso(literal(action.endTime));
    const statusRef = refIds(action.actionStatus)[0] ?? literal(action.actionStatus);
    const params: JsonObject = {};
    for (const id of refIds(action.object)) {
      const pv = parameterValue(this.crate.get(id));
      if (pv) params[pv[0]] = pv[1];
    }
    const resourceUsage = refIds(action.resourceUsage).map((id) => this.crate.get(id) ?? { '@id': id });
    return {
      runId: String(action['@id']),
      kind: 'rocrate',
      actionType,
      name: literal(action.name),
      description: literal(action.description),
      status: statusRef ? normalizeStatus(statusRef) : endedAt ? 'completed' : 'unknown',
      startedAt,
      endedAt,
      durationMs: durationMs(startedAt, endedAt),
      error: literal(action.error),
      parametersJson: jsonProp(params),
      parametersHash: parametersHash(params),
      containerImages: nonEmpty(refIds(action.containerImage).map((id) => this.crate.qualify(id))),
      resourceUsageJson: jsonProp(resourceUsage),
      subjectOf: refIds(action.subjectOf)[0],
      crateId: this.crate.crateId,
    };
  }

  private mapRun(action: JsonObject, main: string | undefined): string {
    const id = String(action['@id']);
    const urn = this.b.node(rocrateActionUrn(this.crate.qualify(id)), ['Run'], this.runProps(action, 'CreateAction'));
    const instrument = refIds(action.instrument)[0];
    if (instrument && instrument === main && this.workflowJob) {
      this.b.edge('INSTANCE_OF', urn, this.workflowJob);
      this.workflowRuns.push(urn);
    } else if (instrument) {
      this.b.edge('INSTANCE_OF', urn, jobNode(this.crate, this.b, instrument));
    }
    this.linkData(action, urn);
    return urn;
  }

  private mapStepRun(action: JsonObject): void {
    const id = String(action['@id']);
    const urn = this.b.node(rocrateActionUrn(this.crate.qualify(id)), ['StepRun', 'Run'], this.runProps(action, 'CreateAction'));
    const howTo = this.controlledBy.get(id);
    const instrument = refIds(action.instrument)[0];
    if (this.workflowJob) {
      const step = howTo
        ? (this.stepByHowTo.get(howTo) ?? stepNode(this.crate, this.b, this.workflowJob, howTo))
        : instrument
          ? stepNode(this.crate, this.b, this.workflowJob, instrument)
          : undefined;
      if (step) this.b.edge('INSTANCE_OF', urn, step);
    }
    const parent = this.parentRunOf(id);
    if (parent) this.b.edge('PART_OF_RUN', urn, parent);
    else this.b.issue({ severity: 'warning', code: 'ROCRATE_STEP_WITHOUT_WORKFLOW_RUN', message: `step action ${id} has no workflow run to belong to`, subject: urn });
    this.linkData(action, urn);
  }

  /** The workflow run a step belongs to: the result of the OrganizeAction that controlled it, else the only one. */
  private parentRunOf(stepActionId: string): string | undefined {
    for (const organize of this.crate.entitiesOfType('OrganizeAction')) {
      const controls = refIds(organize.object);
      const controlsStep = controls.some((c) => refIds(this.crate.get(c)?.object).includes(stepActionId));
      const result = refIds(organize.result)[0];
      if (controlsStep && result) return rocrateActionUrn(this.crate.qualify(result));
    }
    return this.workflowRuns.length >= 1 ? this.workflowRuns[0] : undefined;
  }

  private mapEngineRun(action: JsonObject): void {
    const id = String(action['@id']);
    const urn = this.b.node(rocrateActionUrn(this.crate.qualify(id)), ['Run'], this.runProps(action, 'OrganizeAction'));
    const agents: Array<[string, string]> = [];
    for (const engine of refIds(action.instrument)) agents.push([agentNode(this.crate, this.b, engine), 'engine']);
    for (const person of refIds(action.agent)) agents.push([agentNode(this.crate, this.b, person), 'agent']);
    const results = refIds(action.result).map((r) => rocrateActionUrn(this.crate.qualify(r)));
    const node = this.b.getNode(urn);
    const resultStatus = results.map((r) => this.b.getNode(r)?.props.status).find((s) => s !== undefined && s !== 'unknown');
    // Engines rarely record their own end; the engine run ends the way the workflow run it produced ended.
    if (node && node.props.status === 'unknown' && resultStatus) node.props.status = resultStatus;
    for (const [agent, role] of agents) {
      this.b.edge('WAS_ASSOCIATED_WITH', urn, agent, { role });
      // The engine and the person who ran it also ran the workflow run the engine produced.
      for (const result of results) if (this.b.has(result)) this.b.edge('WAS_ASSOCIATED_WITH', result, agent, { role });
    }
    for (const result of results) if (this.b.has(result)) this.b.edge('CHILD_OF', result, urn);
  }

  private linkData(action: JsonObject, runUrn: string): void {
    for (const id of refIds(action.object)) {
      if (parameterValue(this.crate.get(id))) continue;
      this.b.edge('USED', runUrn, fileNode(this.crate, this.b, id));
    }
    for (const id of refIds(action.result)) {
      const file = fileNode(this.crate, this.b, id);
      this.b.edge('WAS_GENERATED_BY', file, runUrn);
      this.generatedBy.set(file, [...(this.generatedBy.get(file) ?? []), runUrn]);
    }
    for (const agent of refIds(action.agent)) {
      this.b.edge('WAS_ASSOCIATED_WITH', runUrn, agentNode(this.crate, this.b, agent), { role: 'agent' });
    }
  }

  /** A step run that used what another step run generated was informed by it (PROV wasInformedBy). */
  private linkInformedBy(): void {
    const edges = this.b.build().edges.filter((e) => e.type === 'USED');
    for (const used of edges) {
      for (const producer of this.generatedBy.get(used.to) ?? []) {
        const consumer = this.b.getNode(used.from);
        const produced = this.b.getNode(producer);
        if (producer !== used.from && consumer?.labels.includes('StepRun') && produced?.labels.includes('StepRun')) {
          this.b.edge('WAS_INFORMED_BY', used.from, producer);
        }
      }
    }
  }
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}
