import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapProvJson } from '../../../../ingest/prov/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, listFiles, unstorable } from '../provenance-helpers.js';

const root = corpusPath('provenance');
const docs = [...listFiles(path.join(root, 'prov-json'), '.json'), ...listFiles(path.join(root, 'cwlprov'), '.json')].map((file) => {
  const text = readFileSync(file, 'utf8');
  return { name: path.relative(root, file), text, json: JSON.parse(text) as Record<string, any> };
});

const BUILTIN: Record<string, string> = { prov: 'http://www.w3.org/ns/prov#', xsd: 'http://www.w3.org/2001/XMLSchema#' };

interface Scope {
  prefixes: Record<string, string>;
  doc: Record<string, any>;
}

/** The document and its bundles, each with the prefixes in force there. */
function scopes(doc: Record<string, any>, inherited: Record<string, string> = {}): Scope[] {
  const prefixes = { ...inherited, ...(doc.prefix ?? {}) };
  return [{ prefixes, doc }, ...Object.values<any>(doc.bundle ?? {}).flatMap((b) => scopes(b, prefixes))];
}

function expand(prefixes: Record<string, string>, qname: string): string {
  const i = qname.indexOf(':');
  if (i <= 0) return prefixes.default ? prefixes.default + qname : qname;
  const ns = prefixes[qname.slice(0, i)] ?? BUILTIN[qname.slice(0, i)];
  return ns ? ns + qname.slice(i + 1) : qname;
}

const records = (block: unknown): Array<Record<string, any>> =>
  Object.values<any>(block ?? {}).flatMap((r) => (Array.isArray(r) ? r : [r]));
const text = (v: any): string | undefined => (typeof v === 'string' ? v : v?.$);

/** Distinct expanded (from, to) pairs of a relation type across all scopes. */
function pairs(json: Record<string, any>, type: string, fromAttr: string, toAttr: string): Set<string> {
  const out = new Set<string>();
  for (const { prefixes, doc } of scopes(json)) {
    for (const r of records(doc[type])) {
      const from = text(r[`prov:${fromAttr}`]);
      const tos = Array.isArray(r[`prov:${toAttr}`]) ? r[`prov:${toAttr}`] : [r[`prov:${toAttr}`]];
      for (const to of tos.map(text)) if (from && to) out.add(`${expand(prefixes, from)} ${expand(prefixes, to)}`);
    }
  }
  return out;
}

function declared(json: Record<string, any>, kind: string): Set<string> {
  return new Set(scopes(json).flatMap(({ prefixes, doc }) => Object.keys(doc[kind] ?? {}).map((id) => expand(prefixes, id))));
}

const RELATIONS: Array<[string, string, string, string]> = [
  ['used', 'USED', 'activity', 'entity'],
  ['wasGeneratedBy', 'WAS_GENERATED_BY', 'entity', 'activity'],
  ['wasDerivedFrom', 'WAS_DERIVED_FROM', 'generatedEntity', 'usedEntity'],
  ['wasInformedBy', 'WAS_INFORMED_BY', 'informed', 'informant'],
  ['wasAttributedTo', 'WAS_ATTRIBUTED_TO', 'entity', 'agent'],
  ['actedOnBehalfOf', 'ACTED_ON_BEHALF_OF', 'delegate', 'responsible'],
  ['wasInvalidatedBy', 'WAS_INVALIDATED_BY', 'entity', 'activity'],
  ['specializationOf', 'SPECIALIZATION_OF', 'specificEntity', 'generalEntity'],
  ['mentionOf', 'MENTION_OF', 'specificEntity', 'generalEntity'],
  ['hadMember', 'HAD_MEMBER', 'collection', 'entity'],
];

describe('PROV-JSON and CWLProv corpus', () => {
  it('finds documents', () => {
    expect(docs.length).toBeGreaterThan(0);
  });

  it.each(docs)('$name: every declared element is a node of its kind', ({ name, text: t, json }) => {
    const g = mapProvJson(t, { file: name });
    expect(g.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
    const owned = g.nodes.filter((n) => n.mode !== 'reference');
    const activities = declared(json, 'activity');
    expect(new Set(owned.filter((n) => n.labels.includes('Run')).map((n) => String(n.props.iri)))).toEqual(activities);
    const agents = declared(json, 'agent');
    expect(new Set(owned.filter((n) => n.labels.includes('Agent')).map((n) => String(n.props.iri)))).toEqual(agents);
    const entities = declared(json, 'entity');
    const entityNodes = owned.filter((n) => ['Entity', 'Job', 'Step'].some((l) => n.labels.includes(l)) && entities.has(String(n.props.iri)));
    expect(entityNodes.length).toBe(entities.size);
  });

  it.each(docs)('$name: every relation is an edge between the expanded ids', ({ text: t, json }) => {
    const g = mapProvJson(t);
    const iriOf = new Map(g.nodes.map((n) => [n.urn, String(n.props.iri)]));
    for (const [type, edge, from, to] of RELATIONS) {
      const expected = pairs(json, type, from, to);
      // WAS_INFORMED_BY also carries starters/enders of wasStartedBy/wasEndedBy, marked by `relation`.
      const actual = new Set(edgesOf(g, edge).filter((e) => !e.props?.relation).map((e) => `${iriOf.get(e.from)} ${iriOf.get(e.to)}`));
      expect(actual, type).toEqual(expected);
    }
    for (const [type, actor, edge] of [['wasStartedBy', 'starter', 'WAS_STARTED_BY'], ['wasEndedBy', 'ender', 'WAS_ENDED_BY']] as const) {
      for (const pair of pairs(json, type, 'activity', actor)) {
        const linked = g.edges.some((e) => ['WAS_INFORMED_BY', 'PART_OF_RUN', 'WAS_ASSOCIATED_WITH'].includes(e.type) && `${iriOf.get(e.from)} ${iriOf.get(e.to)}` === pair);
        expect(linked || pair.split(' ')[0] === pair.split(' ')[1], `${type} ${pair}`).toBe(true);
      }
      const triggers = new Set(edgesOf(g, edge).map((e) => `${iriOf.get(e.from)} ${iriOf.get(e.to)}`));
      expect(triggers, `${type} triggers`).toEqual(pairs(json, type, 'activity', 'trigger'));
    }
  });

  it.each(docs.filter((d) => d.name.startsWith('cwlprov')))('$name: CWLProv process runs are step runs of the workflow run', ({ text: t, json }) => {
    const g = mapProvJson(t);
    const prefixes = json.prefix;
    const typesOf = (a: any) => (Array.isArray(a?.['prov:type']) ? a['prov:type'] : [a?.['prov:type']]).map(text);
    const processRuns = Object.entries<any>(json.activity ?? {}).filter(([, a]) => typesOf(a).includes('wfprov:ProcessRun'));
    for (const [id] of processRuns) {
      const urn = `urn:prov:activity:${expand(prefixes, id)}`;
      expect(g.nodes.find((n) => n.urn === urn)?.labels).toEqual(['StepRun', 'Run']);
      const startedByWorkflow = records(json.wasStartedBy).some((r) => r['prov:activity'] === id && typesOf(json.activity[r['prov:starter']]).includes('wfprov:WorkflowRun'));
      expect(edgesOf(g, 'PART_OF_RUN', urn)).toHaveLength(startedByWorkflow ? 1 : 0);
    }
    const plans = records(json.wasAssociatedWith).filter((r) => r['prov:plan']);
    expect(edgesOf(g, 'INSTANCE_OF').length).toBe(new Set(plans.map((r) => `${r['prov:activity']} ${r['prov:plan']}`)).size);
    for (const r of records(json.wasEndedBy)) {
      const node = g.nodes.find((n) => n.urn === `urn:prov:activity:${expand(prefixes, r['prov:activity'])}`);
      if (node?.labels.includes('Run')) expect(node.props.status).toBe('completed');
    }
  });
});
