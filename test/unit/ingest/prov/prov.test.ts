import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeValue, mapProvJson, Namespaces } from '../../../../ingest/prov/index.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, nodesWith, unstorableProps } from '../provenance-helpers.js';

const read = (name: string) => readFileSync(fixturePath(`provenance/prov/${name}`), 'utf8');

describe('qualified names and typed values', () => {
  const ns = Namespaces.from({ ex: 'http://example.org/', default: 'http://d/' });
  it('expands prefixes, the default namespace and leaves URIs and blank nodes alone', () => {
    expect(ns.expand('ex:a')).toBe('http://example.org/a');
    expect(ns.expand('plain')).toBe('http://d/plain');
    expect(ns.expand('prov:Person')).toBe('http://www.w3.org/ns/prov#Person');
    expect(ns.expand('https://x.org/y')).toBe('https://x.org/y');
    expect(ns.expand('_:b1')).toBe('_:b1');
    expect(ns.expand('nope:x')).toBe('nope:x');
    expect(ns.unknownPrefixes()).toEqual(['nope']);
  });
  it('decodes typed literals', () => {
    expect(decodeValue({ $: '1', type: 'xsd:int' }, ns)).toBe(1);
    expect(decodeValue({ $: 'true', type: 'xsd:boolean' }, ns)).toBe(true);
    expect(decodeValue({ $: 'ex:q', type: 'prov:QUALIFIED_NAME' }, ns)).toBe('http://example.org/q');
    expect(decodeValue({ $: 'bonjour', type: 'prov:InternationalizedString', lang: 'fr' }, ns)).toBe('bonjour');
    expect(decodeValue([{ $: '2002', type: 'xsd:gYear' }, 'x'], ns)).toEqual(['2002', 'x']);
  });
});

describe('mapProvJson: generic PROV', () => {
  const g = mapProvJson(read('document.json'), { file: 'document.json' });
  const E = (l: string) => `urn:prov:entity:http://example.org/${l}`;
  const A = (l: string) => `urn:prov:activity:http://example.org/${l}`;

  it('maps elements by kind with expanded ids, merging repeated attribute sets', () => {
    expect(node(g, E('report')).props).toMatchObject({ name: 'Report', types: ['http://example.org/Document'] });
    expect(JSON.parse(node(g, E('report')).props.attributesJson as string)).toEqual({ 'http://example.org/pages': 12 });
    expect(node(g, E('data')).props).toMatchObject({ value: 3.5, location: 'lab' });
    expect(node(g, 'urn:prov:entity:http://default.org/plain').labels).toEqual(['Entity']);
    expect(node(g, A('analysis')).labels).toEqual(['Run']);
    expect(node(g, 'urn:agent:user:http://example.org/alice').props).toMatchObject({ kind: 'user', name: 'Alice' });
    expect(node(g, 'urn:agent:software:http://example.org/tool').labels).toEqual(['Agent']);
  });

  it('maps relations to PROV edges with their attributes', () => {
    expect(edges(g, 'USED', A('analysis'), E('data'))[0]?.props).toEqual({ time: '2024-04-01T08:01:00.000000Z', role: 'input' });
    expect(edges(g, 'WAS_GENERATED_BY', E('report'), A('analysis'))[0]?.props).toEqual({ relationId: 'http://example.org/gen1' });
    expect(edges(g, 'WAS_DERIVED_FROM', E('report'), E('data'))[0]?.props).toEqual({ types: ['http://www.w3.org/ns/prov#Revision'] });
    expect(edges(g, 'WAS_ASSOCIATED_WITH', A('analysis'), 'urn:agent:user:http://example.org/alice')[0]?.props).toMatchObject({ plan: 'http://example.org/recipe' });
    expect(edges(g, 'WAS_INFORMED_BY', A('analysis'), A('upstream'))).toHaveLength(1);
    expect(edges(g, 'WAS_STARTED_BY', A('analysis'), E('data'))).toHaveLength(1);
    expect(edges(g, 'WAS_ASSOCIATED_WITH', A('analysis'), 'urn:agent:software:http://example.org/tool')[0]?.props).toMatchObject({ role: 'starter' });
    expect(edges(g, 'WAS_ATTRIBUTED_TO', E('report'), 'urn:agent:user:http://example.org/alice')).toHaveLength(1);
    expect(edges(g, 'ACTED_ON_BEHALF_OF', 'urn:agent:software:http://example.org/tool', 'urn:agent:user:http://example.org/alice')).toHaveLength(1);
    expect(edges(g, 'HAD_MEMBER', E('set')).map((e) => e.to)).toEqual([E('data'), E('report')]);
  });

  it('completes activity times from start/end records and references undeclared ids', () => {
    expect(node(g, A('analysis')).props).toMatchObject({ startedAt: '2024-04-01T08:00:00.000000Z', endedAt: '2024-04-01T09:30:00.000000Z', status: 'completed', durationMs: 5_400_000 });
    expect(node(g, A('upstream')).props.status).toBe('unknown');
    expect(node(g, A('ghost'))).toMatchObject({ mode: 'reference', labels: ['Run'] });
    expect(node(g, E('set')).mode).toBe('reference');
  });

  it('maps bundles with their own prefixes', () => {
    expect(node(g, 'urn:prov:entity:http://example.org/b1').labels).toEqual(['Entity', 'Bundle']);
    expect(edges(g, 'IN_BUNDLE', 'urn:prov:entity:http://bundle.example/inner', 'urn:prov:entity:http://example.org/b1')).toHaveLength(1);
    expect(edges(g, 'USED', 'urn:prov:activity:http://bundle.example/innerRun', 'urn:prov:entity:http://bundle.example/inner')).toHaveLength(1);
  });

  it('reports unknown record types, undeclared prefixes and incomplete relations', () => {
    expect(g.issues.map((i) => i.code).sort()).toEqual(['PROV_RELATION_INCOMPLETE', 'PROV_UNKNOWN_PREFIX', 'PROV_UNKNOWN_RECORD_TYPE']);
    expect(g.issues.find((i) => i.code === 'PROV_UNKNOWN_RECORD_TYPE')?.message).toBe('record types not mapped: used2, wasGeneratedBy2');
    expect(g.issues.find((i) => i.code === 'PROV_UNKNOWN_PREFIX')?.message).toContain('other');
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorableProps(g)).toEqual([]);
  });
});

describe('mapProvJson: CWLProv', () => {
  const g = mapProvJson(read('cwlprov.json'));
  const WF = 'urn:prov:activity:urn:uuid:00000000-0000-4000-8000-00000000000a';
  const STEP = 'urn:prov:activity:urn:uuid:00000000-0000-4000-8000-00000000000b';
  const JOB = 'urn:workflow:arcp://uuid,00000000-0000-4000-8000-00000000000a/workflow/packed.cwl#main';

  it('maps WorkflowRun to Run and ProcessRun to StepRun, part of the workflow run', () => {
    expect(node(g, WF).labels).toEqual(['Run']);
    expect(node(g, WF).props).toMatchObject({ kind: 'cwl', startedAt: '2024-01-01T00:00:00.000000Z', endedAt: '2024-01-01T00:00:04.000000Z', status: 'completed' });
    expect(node(g, STEP).labels).toEqual(['StepRun', 'Run']);
    expect(node(g, STEP).props).toMatchObject({ startedAt: '2024-01-01T00:00:01.000000Z', durationMs: 2000 });
    expect(edges(g, 'PART_OF_RUN', STEP, WF)).toHaveLength(1);
    expect(edges(g, 'WAS_INFORMED_BY')).toHaveLength(0);
  });

  it('maps wfdesc plans to the Job and Steps the runs are instances of', () => {
    expect(node(g, JOB).labels).toEqual(['Job']);
    expect(edges(g, 'HAS_STEP', JOB, `urn:prov:step:${JOB.slice('urn:workflow:'.length)}/step`)).toHaveLength(1);
    expect(edges(g, 'INSTANCE_OF', WF, JOB)).toHaveLength(1);
    expect(edges(g, 'INSTANCE_OF', STEP)).toHaveLength(1);
  });

  it('maps the engine as a software agent and content-addressed data with its sha1', () => {
    expect(node(g, 'urn:agent:software:urn:uuid:00000000-0000-4000-8000-0000000000e0').props.name).toBe('cwltool 3.1');
    expect(node(g, 'urn:prov:entity:urn:hash::sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709').props.sha1).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(nodesWith(g, 'Entity')).toHaveLength(1);
    expect(danglingEdges(g)).toEqual([]);
  });

  it('reports unreadable documents', () => {
    expect(mapProvJson('[').issues[0]?.code).toBe('PROV_INVALID_JSON');
    expect(mapProvJson('[]').issues[0]?.code).toBe('PROV_NOT_AN_OBJECT');
  });
});
