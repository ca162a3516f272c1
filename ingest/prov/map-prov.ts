import type { MappedGraph, Props } from '../core/graph.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { durationMs, maxIso, minIso, toUtcIso } from '../common/time.js';
import { isObject, jsonProp, type JsonObject } from '../common/values.js';
import { ELEMENT_TYPES, readProvDocument, type ProvDocument, type ProvRecord, type RelationType } from './document.js';
import { elementNode, elementProps, referencedNode, WFDESC, WFPROV, type ElementNode } from './elements.js';
import { allTexts, firstText, PROV_NS } from './qualified-names.js';

export interface ProvOptions {
  file?: string;
}

type Role = 'entity' | 'activity' | 'agent';
const P = (local: string): string => `${PROV_NS}${local}`;

/** Simple relations: [edge type, from attribute, from role, to attribute, to role]. */
const SIMPLE: Partial<Record<RelationType, [string, string, Role, string, Role]>> = {
  used: ['USED', 'activity', 'activity', 'entity', 'entity'],
  wasGeneratedBy: ['WAS_GENERATED_BY', 'entity', 'entity', 'activity', 'activity'],
  wasDerivedFrom: ['WAS_DERIVED_FROM', 'generatedEntity', 'entity', 'usedEntity', 'entity'],
  wasInformedBy: ['WAS_INFORMED_BY', 'informed', 'activity', 'informant', 'activity'],
  wasAttributedTo: ['WAS_ATTRIBUTED_TO', 'entity', 'entity', 'agent', 'agent'],
  actedOnBehalfOf: ['ACTED_ON_BEHALF_OF', 'delegate', 'agent', 'responsible', 'agent'],
  wasInvalidatedBy: ['WAS_INVALIDATED_BY', 'entity', 'entity', 'activity', 'activity'],
  specializationOf: ['SPECIALIZATION_OF', 'specificEntity', 'entity', 'generalEntity', 'entity'],
  alternateOf: ['ALTERNATE_OF', 'alternate1', 'entity', 'alternate2', 'entity'],
  mentionOf: ['MENTION_OF', 'specificEntity', 'entity', 'generalEntity', 'entity'],
  wasInfluencedBy: ['WAS_INFLUENCED_BY', 'influencee', 'entity', 'influencer', 'entity'],
};

/**
 * A W3C PROV-JSON document — including cwltool's CWLProv `primary.cwlprov.json` — as graph. Activities are Runs
 * (`urn:prov:activity:<expanded IRI>`; wfprov:ProcessRun → StepRun), agents are Agents, wfdesc:Workflow plans are
 * Jobs with wfdesc:Process Steps, other entities are Entity nodes. Qualified names are expanded with the document's
 * (and each bundle's) prefixes; bundles become Bundle entities their elements are IN_BUNDLE of.
 */
export function mapProvJson(text: string, opts: ProvOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    b.issue({ severity: 'error', code: 'PROV_INVALID_JSON', message: (err as Error).message, file: opts.file });
    return b.build();
  }
  if (!isObject(json)) {
    b.issue({ severity: 'error', code: 'PROV_NOT_AN_OBJECT', message: 'PROV-JSON document must be an object', file: opts.file });
    return b.build();
  }
  return mapProvObject(json, opts);
}

/** A document already in the PROV-JSON shape (PROV-N parsed into it), mapped as mapProvJson maps the text. */
export function mapProvObject(json: JsonObject, opts: ProvOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  new ProvMapper(b, opts).map(readProvDocument(json));
  return b.build();
}

class ProvMapper {
  private readonly registry = new Map<string, ElementNode>();
  private cwl = false;

  constructor(
    private readonly b: GraphBuilder,
    private readonly opts: ProvOptions,
  ) {}

  map(root: ProvDocument): void {
    const docs = flatten(root);
    this.cwl = docs.some((d) => [...d.elements.values()].some((m) => [...m.values()].some((a) => allTexts(a[P('type')]).some((t) => t.startsWith(WFPROV) || t.startsWith(WFDESC)))));
    for (const doc of docs) this.mapElements(doc);
    for (const doc of docs) for (const { type, record } of doc.relations) this.mapRelation(doc, type, record);
    this.finishActivities();
    const unknownPrefixes = root.ns.unknownPrefixes();
    if (unknownPrefixes.length > 0) {
      this.b.issue({ severity: 'warning', code: 'PROV_UNKNOWN_PREFIX', message: `undeclared prefixes kept as written: ${unknownPrefixes.join(', ')}`, file: this.opts.file });
    }
    const unknownTypes = [...new Set(docs.flatMap((d) => d.unknownRecordTypes))];
    if (unknownTypes.length > 0) {
      this.b.issue({ severity: 'warning', code: 'PROV_UNKNOWN_RECORD_TYPE', message: `record types not mapped: ${unknownTypes.join(', ')}`, file: this.opts.file });
    }
  }

  private mapElements(doc: ProvDocument): void {
    const bundleUrn = doc.bundleId ? this.bundleNode(doc.bundleId) : undefined;
    for (const kind of ELEMENT_TYPES) {
      for (const [iri, attrs] of doc.elements.get(kind)!) {
        const node = this.registry.get(iri) ?? elementNode(kind, iri, attrs);
        if (!this.registry.has(iri)) this.registry.set(iri, node);
        this.b.node(node.urn, node.labels, elementProps(kind, iri, attrs, this.cwl));
        if (bundleUrn) this.b.edge('IN_BUNDLE', node.urn, bundleUrn);
        for (const sub of allTexts(attrs[`${WFDESC}hasSubProcess`])) {
          this.b.edge('HAS_STEP', node.urn, this.resolveIri('entity', doc.ns.expand(sub), `${WFDESC}Process`));
        }
        this.b.count(kind);
      }
    }
  }

  private bundleNode(iri: string): string {
    const existing = this.registry.get(iri);
    if (existing) {
      this.b.node(existing.urn, ['Bundle'], {});
      return existing.urn;
    }
    const node: ElementNode = { urn: `urn:prov:entity:${iri}`, labels: ['Entity', 'Bundle'] };
    this.registry.set(iri, node);
    this.b.node(node.urn, node.labels, { iri });
    this.b.count('bundle');
    return node.urn;
  }

  /** The node of an (already expanded) IRI; one no element declares becomes a reference node of `role`. */
  private resolveIri(role: Role, iri: string, wfdescType?: string): string {
    const known = this.registry.get(iri);
    if (known) return known.urn;
    const node = wfdescType
      ? elementNode('entity', iri, { [P('type')]: wfdescType })
      : referencedNode(role, iri);
    this.registry.set(iri, node);
    this.b.reference(node.urn, node.labels, { iri, ...(role === 'activity' ? { runId: iri } : {}) });
    return node.urn;
  }

  private resolve(doc: ProvDocument, role: Role, value: unknown): string | undefined {
    const text = firstText(value);
    return text ? this.resolveIri(role, doc.ns.expand(text)) : undefined;
  }

  private edgeProps(record: ProvRecord, consumed: string[]): Props {
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record.attrs)) {
      if (!consumed.includes(key) && key !== P('time') && key !== P('role') && key !== P('type')) rest[key] = value;
    }
    const types = allTexts(record.attrs[P('type')]);
    return {
      relationId: record.id,
      time: toUtcIso(firstText(record.attrs[P('time')])),
      role: firstText(record.attrs[P('role')]),
      types: types.length > 0 ? types : undefined,
      attributesJson: jsonProp(rest),
    };
  }

  private mapRelation(doc: ProvDocument, type: RelationType, record: ProvRecord): void {
    this.b.count(type);
    const simple = SIMPLE[type];
    if (simple) {
      const [edge, fromAttr, fromRole, toAttr, toRole] = simple;
      const from = this.resolve(doc, fromRole, record.attrs[P(fromAttr)]);
      const to = this.resolve(doc, toRole, record.attrs[P(toAttr)]);
      if (!from || !to) return this.incomplete(type, record, [fromAttr, toAttr]);
      this.b.edge(edge, from, to, this.edgeProps(record, [P(fromAttr), P(toAttr)]));
      return;
    }
    if (type === 'hadMember') {
      const collection = this.resolve(doc, 'entity', record.attrs[P('collection')]);
      const members = allTexts(record.attrs[P('entity')]);
      if (!collection || members.length === 0) return this.incomplete(type, record, ['collection', 'entity']);
      for (const m of members) this.b.edge('HAD_MEMBER', collection, this.resolveIri('entity', doc.ns.expand(m)));
      return;
    }
    if (type === 'wasAssociatedWith') return this.mapAssociation(doc, record);
    this.mapStartOrEnd(doc, type === 'wasStartedBy' ? 'start' : 'end', record);
  }

  private mapAssociation(doc: ProvDocument, record: ProvRecord): void {
    const activity = this.resolve(doc, 'activity', record.attrs[P('activity')]);
    if (!activity) return this.incomplete('wasAssociatedWith', record, ['activity']);
    const planText = firstText(record.attrs[P('plan')]);
    const planIri = planText ? doc.ns.expand(planText) : undefined;
    // CWLProv leaves some plans undeclared (scattered steps): infer workflow vs step from the run that follows it.
    const inferred = this.cwl && planIri && !this.registry.has(planIri)
      ? (this.b.getNode(activity)?.labels.includes('StepRun') ? `${WFDESC}Process` : `${WFDESC}Workflow`)
      : undefined;
    const plan = planIri ? this.resolveIri('entity', planIri, inferred) : undefined;
    const agent = this.resolve(doc, 'agent', record.attrs[P('agent')]);
    const props = { ...this.edgeProps(record, [P('activity'), P('agent'), P('plan')]), plan: planIri };
    if (agent) this.b.edge('WAS_ASSOCIATED_WITH', activity, agent, props);
    const planNode = plan ? this.b.getNode(plan) : undefined;
    // A plan that is a workflow or step description is what the run is an instance of.
    if (plan && (planNode?.labels.includes('Job') || planNode?.labels.includes('Step'))) this.b.edge('INSTANCE_OF', activity, plan);
    else if (plan && !agent) this.b.edge('WAS_ASSOCIATED_WITH', activity, plan, props);
  }

  private readonly times = new Map<string, { start: string[]; end: string[] }>();

  private mapStartOrEnd(doc: ProvDocument, which: 'start' | 'end', record: ProvRecord): void {
    const type = which === 'start' ? 'wasStartedBy' : 'wasEndedBy';
    const actorAttr = which === 'start' ? 'starter' : 'ender';
    const activity = this.resolve(doc, 'activity', record.attrs[P('activity')]);
    if (!activity) return this.incomplete(type, record, ['activity']);
    const time = toUtcIso(firstText(record.attrs[P('time')]));
    const entry = this.times.get(activity) ?? { start: [], end: [] };
    if (time) entry[which].push(time);
    this.times.set(activity, entry);
    const props = this.edgeProps(record, [P('activity'), P('trigger'), P(actorAttr)]);
    const trigger = this.resolve(doc, 'entity', record.attrs[P('trigger')]);
    if (trigger) this.b.edge(which === 'start' ? 'WAS_STARTED_BY' : 'WAS_ENDED_BY', activity, trigger, props);
    const actor = this.resolve(doc, 'activity', record.attrs[P(actorAttr)]);
    if (!actor || actor === activity) return;
    const actorNode = this.b.getNode(actor);
    const activityNode = this.b.getNode(activity);
    if (actorNode?.labels.includes('Agent')) {
      this.b.edge('WAS_ASSOCIATED_WITH', activity, actor, { ...props, role: actorAttr });
    } else if (activityNode?.labels.includes('StepRun') && actorNode?.labels.includes('Run') && !actorNode.labels.includes('StepRun')) {
      // In CWLProv a step run is started and ended by the workflow run it belongs to.
      this.b.edge('PART_OF_RUN', activity, actor);
    } else {
      this.b.edge('WAS_INFORMED_BY', activity, actor, { ...props, relation: type });
    }
  }

  /** Start/end times from wasStartedBy/wasEndedBy complete the activities, and with them status and duration. */
  private finishActivities(): void {
    for (const [urn, { start, end }] of this.times) {
      const node = this.b.getNode(urn);
      if (!node || !node.labels.includes('Run')) continue;
      const p = node.props;
      p.startedAt = minIso([p.startedAt as string | undefined, ...start]);
      p.endedAt = maxIso([p.endedAt as string | undefined, ...end]);
      if (p.endedAt) p.status = 'completed';
      p.durationMs = durationMs(p.startedAt, p.endedAt);
      for (const key of Object.keys(p)) if (p[key] === undefined) delete p[key];
    }
  }

  private incomplete(type: string, record: ProvRecord, attrs: string[]): void {
    this.b.issue({
      severity: 'warning',
      code: 'PROV_RELATION_INCOMPLETE',
      message: `${type}${record.id ? ` ${record.id}` : ''} lacks ${attrs.map((a) => `prov:${a}`).join(' or ')}; not mapped`,
      file: this.opts.file,
    });
  }
}

function flatten(doc: ProvDocument): ProvDocument[] {
  return [doc, ...doc.bundles.flatMap(flatten)];
}
