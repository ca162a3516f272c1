import type { Props } from '../core/graph.js';
import { durationMs, toUtcIso } from '../common/time.js';
import { agentUrn, workflowUrn, type AgentKind } from '../common/urns.js';
import { jsonProp } from '../common/values.js';
import type { ElementType } from './document.js';
import { allTexts, firstText, PROV_NS } from './qualified-names.js';

export const WFPROV = 'http://purl.org/wf4ever/wfprov#';
export const WFDESC = 'http://purl.org/wf4ever/wfdesc#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const SCHEMA = 'http://schema.org/';

const P = (local: string): string => `${PROV_NS}${local}`;
// Attributes that become node props or edges (hasSubProcess → HAS_STEP); the rest goes to attributesJson.
const HANDLED = new Set([
  P('type'), P('label'), P('startTime'), P('endTime'), P('value'), P('location'), `${WFDESC}hasSubProcess`,
]);

export function provEntityUrn(iri: string): string {
  return `urn:prov:entity:${iri}`;
}

export function provActivityUrn(iri: string): string {
  return `urn:prov:activity:${iri}`;
}

export function provStepUrn(iri: string): string {
  return `urn:prov:step:${iri}`;
}

function agentKind(types: string[]): AgentKind {
  if (types.some((t) => t === P('Person') || t === `${FOAF}Person` || t === `${SCHEMA}Person`)) return 'user';
  if (types.some((t) => t === P('SoftwareAgent') || t === `${WFPROV}WorkflowEngine`)) return 'software';
  if (types.some((t) => t === P('Organization') || t === `${FOAF}Organization` || t === `${SCHEMA}Organization`)) return 'service';
  return 'agent';
}

export interface ElementNode {
  urn: string;
  labels: string[];
}

/** The node an element becomes: its urn and labels follow its PROV kind and its wfprov/wfdesc type. */
export function elementNode(kind: ElementType, iri: string, attrs: Record<string, unknown>): ElementNode {
  const types = allTexts(attrs[P('type')]);
  if (kind === 'activity') {
    return {
      urn: provActivityUrn(iri),
      labels: types.includes(`${WFPROV}ProcessRun`) && !types.includes(`${WFPROV}WorkflowRun`) ? ['StepRun', 'Run'] : ['Run'],
    };
  }
  if (kind === 'agent') return { urn: agentUrn(agentKind(types), iri), labels: ['Agent'] };
  if (types.includes(`${WFDESC}Workflow`)) return { urn: workflowUrn(iri), labels: ['Job'] };
  if (types.includes(`${WFDESC}Process`)) return { urn: provStepUrn(iri), labels: ['Step'] };
  return { urn: provEntityUrn(iri), labels: types.includes(P('Bundle')) ? ['Entity', 'Bundle'] : ['Entity'] };
}

/** Node props of an element: label, types, times (activities), value/location, the rest as attributesJson. */
export function elementProps(kind: ElementType, iri: string, attrs: Record<string, unknown>, cwl: boolean): Props {
  const types = allTexts(attrs[P('type')]);
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) if (!HANDLED.has(key)) rest[key] = value;
  const label = firstText(attrs[P('label')]);
  const props: Props = {
    iri,
    name: label,
    types: types.length > 0 ? types : undefined,
    value: valueProp(attrs[P('value')]),
    location: firstText(attrs[P('location')]),
    attributesJson: jsonProp(rest),
  };
  if (kind === 'activity') {
    props.runId = iri;
    props.kind = cwl ? 'cwl' : 'prov';
    props.startedAt = toUtcIso(firstText(attrs[P('startTime')]));
    props.endedAt = toUtcIso(firstText(attrs[P('endTime')]));
    props.status = props.endedAt ? 'completed' : 'unknown';
    props.durationMs = durationMs(props.startedAt, props.endedAt);
  }
  if (kind === 'agent') props.kind = agentKind(types);
  if (kind === 'entity' && types.includes(`${WFDESC}Workflow`)) props.kind = 'cwl';
  if (iri.startsWith('urn:hash::sha1:')) props.sha1 = iri.slice('urn:hash::sha1:'.length);
  return props;
}

function valueProp(value: unknown): string | number | boolean | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean') return first;
  return first === undefined ? undefined : JSON.stringify(first);
}

/** Default node for an id a relation names but no element declares. */
export function referencedNode(role: 'entity' | 'activity' | 'agent', iri: string): ElementNode {
  return elementNode(role, iri, {});
}
