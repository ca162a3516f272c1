import { isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { MappedGraph } from '../core/graph.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { asArray, asBoolean, asNumber, asString, isObject, jsonProp, type JsonObject } from '../common/values.js';
import { strategyJobUrn, strategyStepUrn } from './urns.js';

export interface StrategyYamlOptions {
  file?: string;
}

const KNOWN_TOP_KEYS = new Set(['name', 'description', 'version', 'author', 'tags', 'parameters', 'steps']);
const KNOWN_STEP_KEYS = new Set(['name', 'action', 'params', 'description', 'metadata']);

/**
 * A workflow strategy YAML (one or more documents) as a Job with its Steps. Both step shapes are read:
 * `action: {type, params}` and the legacy `action: "TYPE"` with `params` beside it. Parameter references
 * (`${parameters.x}`) are kept exactly as declared.
 */
export function mapStrategyYaml(text: string, opts: StrategyYamlOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const err of doc.errors) {
      b.issue({
        severity: 'error',
        code: 'STRATEGY_YAML_INVALID',
        message: err.message,
        file: opts.file,
        line: lineCounter.linePos(err.pos[0]).line,
      });
    }
    if (doc.errors.length > 0) continue;
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const line = doc.contents ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
    // `version: 1.0` is a YAML float; keep the text as written so 1.0 and 1 stay different versions.
    const versionNode = doc.get('version', true);
    const versionText = isScalar(versionNode) && typeof versionNode.value === 'number' ? versionNode.source : undefined;
    mapStrategy(b, value, opts.file, line, versionText);
  }
  return b.build();
}

function mapStrategy(
  b: GraphBuilder,
  doc: unknown,
  file: string | undefined,
  line: number | undefined,
  versionText: string | undefined,
): void {
  if (!isObject(doc)) {
    b.issue({ severity: 'error', code: 'STRATEGY_NOT_A_MAPPING', message: 'strategy document is not a mapping', file, line });
    return;
  }
  const name = asString(doc.name);
  if (!name) {
    b.issue({ severity: 'error', code: 'STRATEGY_WITHOUT_NAME', message: 'strategy has no name', file, line });
    return;
  }
  const version = versionText ?? asString(doc.version);
  const jobUrn = strategyJobUrn(name, version);
  const metadata = Object.fromEntries(Object.entries(doc).filter(([k]) => !KNOWN_TOP_KEYS.has(k)));
  const steps = asArray(doc.steps);
  if (!Array.isArray(doc.steps)) {
    b.issue({ severity: 'warning', code: 'STRATEGY_WITHOUT_STEPS', message: `strategy ${name} has no steps list`, file, line, subject: jobUrn });
  }
  b.node(jobUrn, ['Job'], {
    name,
    kind: 'strategy',
    version,
    description: asString(doc.description)?.trim(),
    author: asString(doc.author),
    tags: stringList(doc.tags),
    parametersJson: jsonProp(doc.parameters),
    metadataJson: jsonProp(metadata),
    stepCount: steps.length,
  });
  const seen = new Set<string>();
  steps.forEach((step, index) => mapStep(b, jobUrn, step, index, seen, file, line));
  b.count('strategies');
}

function mapStep(
  b: GraphBuilder,
  jobUrn: string,
  step: unknown,
  index: number,
  seen: Set<string>,
  file: string | undefined,
  line: number | undefined,
): void {
  if (!isObject(step)) {
    b.issue({ severity: 'warning', code: 'STRATEGY_STEP_INVALID', message: `step ${index} is not a mapping`, file, line, subject: jobUrn });
    return;
  }
  let name = asString(step.name);
  if (!name) {
    name = `step-${index}`;
    b.issue({ severity: 'warning', code: 'STRATEGY_STEP_WITHOUT_NAME', message: `step ${index} has no name; called ${name}`, file, line, subject: jobUrn });
  }
  if (seen.has(name)) {
    const renamed = `${name}#${index}`;
    b.issue({ severity: 'warning', code: 'STRATEGY_STEP_DUPLICATE', message: `step name ${name} repeats; step ${index} called ${renamed}`, file, line, subject: jobUrn });
    name = renamed;
  }
  seen.add(name);
  const action = readAction(step);
  if (!action.type) {
    b.issue({ severity: 'warning', code: 'STRATEGY_STEP_WITHOUT_ACTION', message: `step ${name} has no action type`, file, line, subject: jobUrn });
  }
  const metadata = isObject(step.metadata) ? step.metadata : {};
  const extra = Object.fromEntries(Object.entries(step).filter(([k]) => !KNOWN_STEP_KEYS.has(k)));
  const refs = referencesIn(action.params);
  const urn = b.node(strategyStepUrn(jobUrn, name), ['Step'], {
    name,
    position: index,
    actionType: action.type,
    actionShape: action.shape,
    paramsJson: jsonProp(action.params),
    parameterRefs: refs.parameters.length > 0 ? refs.parameters : undefined,
    environmentRefs: refs.environment.length > 0 ? refs.environment : undefined,
    description: asString(step.description),
    critical: asBoolean(metadata.critical),
    timeoutSeconds: asNumber(metadata.timeout),
    retryCount: asNumber(metadata.retry_count),
    metadataJson: jsonProp({ ...metadata, ...extra }),
  });
  b.edge('HAS_STEP', jobUrn, urn, { position: index });
}

interface StepAction {
  type?: string;
  params: unknown;
  shape: 'typed' | 'legacy' | 'missing';
}

function readAction(step: JsonObject): StepAction {
  if (isObject(step.action)) {
    return { type: asString(step.action.type), params: step.action.params ?? step.params, shape: 'typed' };
  }
  if (typeof step.action === 'string') return { type: step.action, params: step.params, shape: 'legacy' };
  return { type: undefined, params: step.params, shape: 'missing' };
}

/** `${parameters.x}` references and other `${NAME}` placeholders found in a step's params. */
export function referencesIn(value: unknown): { parameters: string[]; environment: string[] } {
  const parameters = new Set<string>();
  const environment = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\$\{([^}]+)\}/g)) {
        const ref = m[1]!.trim();
        if (ref.startsWith('parameters.')) parameters.add(ref.slice('parameters.'.length));
        else environment.add(ref);
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return { parameters: [...parameters].sort(), environment: [...environment].sort() };
}

function stringList(value: unknown): string[] | undefined {
  const list = asArray(value).map(asString).filter((s): s is string => s !== undefined);
  return list.length > 0 ? list : undefined;
}
