import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappedGraph } from '../../../../ingest/core/graph.js';
import { isProvNFile, looksLikeProvN, mapProvJson, mapProvN, parseProvN } from '../../../../ingest/prov/index.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, unstorableProps } from '../provenance-helpers.js';

const doc = (body: string) => `document\n  prefix ex <http://example.org/>\n${body}\nendDocument\n`;
const parse = (body: string) => parseProvN(doc(body));

describe('parseProvN: elements', () => {
  it('reads entities, agents and activities with their attributes, times and markers', () => {
    const { document, issues } = parse(`
      entity(ex:e1)
      entity(ex:e2, [prov:label="two", prov:type='ex:Doc', prov:type='prov:Plan'])
      agent(ex:ag, [])
      activity(ex:a1, 2011-11-16T16:05:00, 2011-11-16T16:06:00.5+01:00, [prov:label="a"])
      activity(ex:a2, -, -)
      activity(ex:a3, [ex:k=1])`);
    expect(issues).toEqual([]);
    expect(document.prefix).toEqual({ ex: 'http://example.org/' });
    expect(document.entity).toEqual({
      'ex:e1': {},
      'ex:e2': { 'prov:label': 'two', 'prov:type': [{ $: 'ex:Doc', type: 'prov:QUALIFIED_NAME' }, { $: 'prov:Plan', type: 'prov:QUALIFIED_NAME' }] },
    });
    expect(document.agent).toEqual({ 'ex:ag': {} });
    expect(document.activity).toEqual({
      'ex:a1': { 'prov:startTime': '2011-11-16T16:05:00', 'prov:endTime': '2011-11-16T16:06:00.5+01:00', 'prov:label': 'a' },
      'ex:a2': {},
      'ex:a3': { 'ex:k': 1 },
    });
  });

  it('keeps every attribute set of an element given twice, as scruffy PROV-JSON does', () => {
    const { document } = parse(`entity(ex:e, [prov:label="x"])\n entity(ex:e, [ex:sub='ex:p'])`);
    expect(document.entity).toEqual({ 'ex:e': [{ 'prov:label': 'x' }, { 'ex:sub': { $: 'ex:p', type: 'prov:QUALIFIED_NAME' } }] });
  });
});

describe('parseProvN: relations', () => {
  it('maps positional arguments to the PROV-JSON attribute keys, `-` to absent', () => {
    const { document, issues } = parse(`
      used(ex:a, ex:e, 2011-11-16T16:00:00)
      wasGeneratedBy(ex:e, ex:a, -)
      wasInvalidatedBy(ex:e, -, 2011-11-17T00:00:00Z)
      wasStartedBy(ex:a, ex:trigger, ex:starter, -)
      wasEndedBy(ex:a, -, ex:ender, 2011-11-16T17:00:00)
      wasInformedBy(ex:a2, ex:a)
      wasDerivedFrom(ex:e2, ex:e, ex:a, ex:g, ex:u)
      wasAttributedTo(ex:e, ex:ag)
      wasAssociatedWith(ex:a, ex:ag, ex:plan)
      actedOnBehalfOf(ex:d, ex:r, ex:a)
      wasInfluencedBy(ex:e2, ex:e)
      specializationOf(ex:s, ex:g)
      alternateOf(ex:x, ex:y)
      hadMember(ex:c, ex:m)
      mentionOf(ex:s, ex:g, ex:b)`);
    expect(issues).toEqual([]);
    const only = (block: string) => Object.values(document[block] as Record<string, unknown>);
    expect(only('used')).toEqual([{ 'prov:activity': 'ex:a', 'prov:entity': 'ex:e', 'prov:time': '2011-11-16T16:00:00' }]);
    expect(only('wasGeneratedBy')).toEqual([{ 'prov:entity': 'ex:e', 'prov:activity': 'ex:a' }]);
    expect(only('wasInvalidatedBy')).toEqual([{ 'prov:entity': 'ex:e', 'prov:time': '2011-11-17T00:00:00Z' }]);
    expect(only('wasStartedBy')).toEqual([{ 'prov:activity': 'ex:a', 'prov:trigger': 'ex:trigger', 'prov:starter': 'ex:starter' }]);
    expect(only('wasEndedBy')).toEqual([{ 'prov:activity': 'ex:a', 'prov:ender': 'ex:ender', 'prov:time': '2011-11-16T17:00:00' }]);
    expect(only('wasInformedBy')).toEqual([{ 'prov:informed': 'ex:a2', 'prov:informant': 'ex:a' }]);
    expect(only('wasDerivedFrom')).toEqual([{ 'prov:generatedEntity': 'ex:e2', 'prov:usedEntity': 'ex:e', 'prov:activity': 'ex:a', 'prov:generation': 'ex:g', 'prov:usage': 'ex:u' }]);
    expect(only('wasAttributedTo')).toEqual([{ 'prov:entity': 'ex:e', 'prov:agent': 'ex:ag' }]);
    expect(only('wasAssociatedWith')).toEqual([{ 'prov:activity': 'ex:a', 'prov:agent': 'ex:ag', 'prov:plan': 'ex:plan' }]);
    expect(only('actedOnBehalfOf')).toEqual([{ 'prov:delegate': 'ex:d', 'prov:responsible': 'ex:r', 'prov:activity': 'ex:a' }]);
    expect(only('wasInfluencedBy')).toEqual([{ 'prov:influencee': 'ex:e2', 'prov:influencer': 'ex:e' }]);
    expect(only('specializationOf')).toEqual([{ 'prov:specificEntity': 'ex:s', 'prov:generalEntity': 'ex:g' }]);
    expect(only('alternateOf')).toEqual([{ 'prov:alternate1': 'ex:x', 'prov:alternate2': 'ex:y' }]);
    expect(only('hadMember')).toEqual([{ 'prov:collection': 'ex:c', 'prov:entity': 'ex:m' }]);
    expect(only('mentionOf')).toEqual([{ 'prov:specificEntity': 'ex:s', 'prov:generalEntity': 'ex:g', 'prov:bundle': 'ex:b' }]);
  });

  it('keys relations by their identifier, or by a fresh blank id (`-;` or none), and accepts short forms', () => {
    const { document, issues } = parse(`
      used(ex:u1; ex:a, ex:e, 2011-11-16T16:00:00, [prov:role="input"])
      used(-; ex:a, ex:e2, -)
      used(ex:a, ex:e3, -, [prov:role='ex:r'])
      used(ex:a, ex:e4)
      used(ex:a)
      wasAssociatedWith(ex:a, -, ex:plan)`);
    expect(issues).toEqual([]);
    expect(document.used).toEqual({
      'ex:u1': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e', 'prov:time': '2011-11-16T16:00:00', 'prov:role': 'input' },
      '_:n1': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e2' },
      '_:n2': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e3', 'prov:role': { $: 'ex:r', type: 'prov:QUALIFIED_NAME' } },
      '_:n3': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e4' },
      '_:n4': { 'prov:activity': 'ex:a' },
    });
    expect(document.wasAssociatedWith).toEqual({ '_:n5': { 'prov:activity': 'ex:a', 'prov:plan': 'ex:plan' } });
  });
});

describe('parseProvN: literals, comments, namespaces and bundles', () => {
  it('writes literals in PROV-JSON form', () => {
    const { document, issues } = parse(String.raw`
      entity(ex:e, [
        ex:s="say \"hi\"\\ \tnow", ex:long="""two
lines""", ex:typed="12" %% xsd:int, ex:when="2011-11-16T16:05:00" %% xsd:dateTime,
        ex:fr="bonjour"@fr, ex:q='ex:Thing', ex:bare=ex:Other, ex:n=-3, ex:f=2.5, ex:t=2011-11-16T16:05:00,
        ex:esc='ex:a\=b', ex:qtyped="ex:x" %% prov:QUALIFIED_NAME, ex:path="C:\data\n"])`);
    expect(issues).toEqual([]);
    expect((document.entity as Record<string, unknown>)['ex:e']).toEqual({
      'ex:s': 'say "hi"\\ \tnow',
      'ex:long': 'two\nlines',
      'ex:typed': { $: '12', type: 'xsd:int' },
      'ex:when': { $: '2011-11-16T16:05:00', type: 'xsd:dateTime' },
      'ex:fr': { $: 'bonjour', lang: 'fr' },
      'ex:q': { $: 'ex:Thing', type: 'prov:QUALIFIED_NAME' },
      'ex:bare': { $: 'ex:Other', type: 'prov:QUALIFIED_NAME' },
      'ex:n': -3,
      'ex:f': 2.5,
      'ex:t': { $: '2011-11-16T16:05:00', type: 'xsd:dateTime' },
      'ex:esc': { $: 'ex:a=b', type: 'prov:QUALIFIED_NAME' },
      'ex:qtyped': { $: 'ex:x', type: 'prov:QUALIFIED_NAME' },
      // Only PROV-N's escapes are decoded: writers that leave backslashes alone keep them.
      'ex:path': 'C:\\data\n',
    });
  });

  it('skips comments anywhere and reads names with slashes, digits and escapes', () => {
    const { document, issues } = parseProvN(`// a PROV-N file
/* written by hand,
   over two lines */ document // the start
  default <http://default.org/>
  prefix wf <arcp://uuid,1/workflow/packed.cwl#>
  entity(wf:main/rev /* inline */, [prov:label="rev // not a comment"]) // trailing
  agent(plain)
  agent(orcid:0000-0001-9842-9718)
endDocument // done`);
    expect(issues).toEqual([]);
    expect(document.prefix).toEqual({ default: 'http://default.org/', wf: 'arcp://uuid,1/workflow/packed.cwl#' });
    expect(document.entity).toEqual({ 'wf:main/rev': { 'prov:label': 'rev // not a comment' } });
    expect(Object.keys(document.agent as object)).toEqual(['plain', 'orcid:0000-0001-9842-9718']);
  });

  it('reads bundles with their own prefixes; blank ids stay unique across the document', () => {
    const { document, issues } = parse(`
      used(ex:a, ex:e)
      bundle ex:b1
        prefix ex <http://bundle.example/>
        entity(ex:inner)
        used(ex:run, ex:inner)
      endBundle
      bundle ex:b2
        wasGeneratedBy(ex:x, ex:run)
      endBundle`);
    expect(issues).toEqual([]);
    expect(document.used).toEqual({ '_:n1': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e' } });
    expect(document.bundle).toEqual({
      'ex:b1': { prefix: { ex: 'http://bundle.example/' }, entity: { 'ex:inner': {} }, used: { '_:n2': { 'prov:activity': 'ex:run', 'prov:entity': 'ex:inner' } } },
      'ex:b2': { wasGeneratedBy: { '_:n3': { 'prov:entity': 'ex:x', 'prov:activity': 'ex:run' } } },
    });
  });
});

describe('parseProvN: syntax errors', () => {
  it('reports a broken statement with its line and column, skips it and reads the rest', () => {
    const text = [
      'document', //                                         1
      '  prefix ex <http://example.org/>', //                 2
      '  entity(ex:before)', //                               3
      '  entity(ex:broken, [ex:k=])', //                      4: no value
      '  used(ex:a, ex:e, ex:notATime)', //                   5: time expected
      '  activity(ex:open, -, -', //                          6: no ')'
      '  wasGeneratedBy(ex:e, 2011-11-16T16:00:00)', //       7: a time where the activity goes
      '  wasInformedBy(ex:a, ex:b, ex:c)', //                 8: too many arguments
      '  entity(ex:s, [ex:v="unterminated])', //              9: unterminated string
      '  ex:custom(ex:a, ex:b)', //                           10: extension statement, not read
      '  what is this', //                                    11
      '  entity(ex:after, [prov:label="still read"])', //     12
      'endDocument',
      'trailing',
    ].join('\n');
    const { document, issues } = parseProvN(text, { file: 'broken.provn' });
    expect(document.entity).toEqual({ 'ex:before': {}, 'ex:after': { 'prov:label': 'still read' } });
    expect(document.activity).toBeUndefined();
    expect(document.used).toBeUndefined();
    expect(issues.map((i) => [i.severity, i.code, i.line, i.message])).toEqual([
      ['error', 'PROVN_SYNTAX_ERROR', 4, "line 4, column 27: expected a literal, found ']'; statement skipped"],
      ['error', 'PROVN_SYNTAX_ERROR', 5, "line 5, column 20: expected a time (xsd:dateTime) or '-', found 'ex:notATime'; statement skipped"],
      ['error', 'PROVN_SYNTAX_ERROR', 7, "line 7, column 3: expected ',' or ')', found 'wasGeneratedBy'; statement skipped"],
      ['error', 'PROVN_SYNTAX_ERROR', 7, "line 7, column 24: expected an identifier or '-', found '2011-11-16T16:00:00'; statement skipped"],
      ['error', 'PROVN_SYNTAX_ERROR', 8, "line 8, column 29: expected '[' (wasInformedBy takes 2 arguments, then attributes), found 'ex:c'; statement skipped"],
      ['error', 'PROVN_SYNTAX_ERROR', 9, 'line 9, column 22: unterminated string; statement skipped'],
      ['warning', 'PROVN_UNSUPPORTED_STATEMENT', 10, 'line 10, column 3: ex:custom(…) is not read; skipped'],
      ['error', 'PROVN_SYNTAX_ERROR', 11, "line 11, column 3: expected a statement, found 'what'; statement skipped"],
      ['error', 'PROVN_SYNTAX_ERROR', 14, 'line 14, column 1: text after endDocument ignored'],
    ]);
    expect(issues.every((i) => i.file === 'broken.provn')).toBe(true);
  });

  it('reports broken declarations and keeps the good ones', () => {
    const { document, issues } = parseProvN([
      'document',
      '  prefix ex <http://example.org/',
      '  prefix bad:x <http://b/>',
      '  default ex',
      '  prefix ok <http://ok/>',
      '  entity(ok:e)',
      'endDocument',
    ].join('\n'));
    expect(document).toEqual({ prefix: { ok: 'http://ok/' }, entity: { 'ok:e': {} } });
    expect(issues.map((i) => i.message)).toEqual([
      'line 2, column 13: unterminated IRI; statement skipped',
      "line 3, column 10: expected a prefix without a colon, found 'bad:x'; statement skipped",
      "line 4, column 11: expected an IRI in <>, found 'ex'; statement skipped",
    ]);
  });

  it('reads a document without its frame, but says so', () => {
    const { document, issues } = parseProvN('entity(e1)\nbundle b\nentity(e2)');
    expect(document).toEqual({ entity: { e1: {} }, bundle: { b: { entity: { e2: {} } } } });
    expect(issues.map((i) => i.message)).toEqual([
      "line 1, column 1: expected 'document'; reading statements anyway",
      'line 3, column 11: missing endBundle',
      'line 3, column 11: missing endDocument',
    ]);
  });

  it('stops listing issues after a hundred', () => {
    const { issues } = parse(Array.from({ length: 150 }, (_, i) => `entity(ex:e${i}, [ex:k=])`).join('\n'));
    expect(issues).toHaveLength(101);
    expect(issues.at(-1)).toMatchObject({ severity: 'info', code: 'PROVN_TOO_MANY_ISSUES', message: '50 further PROV-N issues not listed' });
  });
});

describe('PROV-N detection', () => {
  it('knows a PROV-N document by its first token', () => {
    expect(looksLikeProvN('document\nendDocument')).toBe(true);
    expect(looksLikeProvN('\uFEFF// c\n/* c */  document')).toBe(true);
    expect(looksLikeProvN('documentation')).toBe(false);
    expect(looksLikeProvN('{"prefix": {}}')).toBe(false);
    expect(looksLikeProvN('')).toBe(false);
  });

  it('knows a PROV-N file by name or, unless it is JSON, by content', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'provn-'));
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    expect(isProvNFile(write('a.provn', 'anything'))).toBe(true);
    expect(isProvNFile(write('b.txt', '/* PROV */ document\nendDocument'))).toBe(true);
    expect(isProvNFile(write('c.txt', 'not prov'))).toBe(false);
    expect(isProvNFile(write('d.json', 'document'))).toBe(false);
    expect(isProvNFile(path.join(dir, 'missing.txt'))).toBe(false);
  });
});

/** PROV-N for test/fixtures/provenance/prov/document.json, without the JSON file's deliberately broken records. */
const DOCUMENT_PROVN = `document
  prefix ex <http://example.org/>
  default <http://default.org/>
  entity(ex:report, [prov:label="Report", ex:pages="12" %% xsd:int])
  entity(ex:report, [prov:label="Rapport"@fr, prov:type='ex:Document'])
  entity(ex:data, [prov:value="3.5" %% xsd:float, prov:location="lab"])
  entity(plain)
  activity(ex:analysis, 2024-04-01T10:00:00+02:00, -, [prov:label="analysis"])
  activity(ex:upstream)
  agent(ex:alice, [prov:type='prov:Person', prov:label="Alice"])
  agent(ex:tool, [prov:type='prov:SoftwareAgent'])
  used(ex:analysis, ex:data, 2024-04-01T10:01:00+02:00, [prov:role="input"])
  wasGeneratedBy(ex:gen1; ex:report, ex:analysis, -)
  wasDerivedFrom(ex:report, ex:data, [prov:type='prov:Revision'])
  wasAssociatedWith(ex:analysis, ex:alice, ex:recipe)
  wasInformedBy(ex:analysis, ex:upstream)
  wasStartedBy(ex:analysis, ex:data, ex:tool, -)
  wasEndedBy(ex:analysis, -, -, 2024-04-01T09:30:00Z)
  wasEndedBy(ex:ghost, -, -, 2024-04-01T09:00:00Z)
  wasAttributedTo(ex:report, ex:alice)
  actedOnBehalfOf(ex:tool, ex:alice)
  hadMember(ex:set, ex:data)
  hadMember(ex:set, ex:report)
  bundle ex:b1
    prefix ex <http://bundle.example/>
    entity(ex:inner)
    activity(ex:innerRun)
    used(ex:innerRun, ex:inner)
  endBundle
endDocument
`;

describe('mapProvN', () => {
  const canonical = (g: MappedGraph) => ({
    nodes: g.nodes.map((n) => JSON.stringify([n.urn, n.labels, n.mode ?? 'upsert', n.props])).sort(),
    edges: g.edges.map((e) => JSON.stringify([e.type, e.from, e.to, e.props ?? {}])).sort(),
  });

  it('maps a PROV-N document to the same graph as its PROV-JSON', () => {
    const json = JSON.parse(readFileSync(fixturePath('provenance/prov/document.json'), 'utf8')) as Record<string, unknown>;
    for (const broken of ['used2', 'wasGeneratedBy2', 'specializationOf', 'mentionOf']) delete json[broken];
    const fromJson = mapProvJson(JSON.stringify(json));
    const fromProvN = mapProvN(DOCUMENT_PROVN);
    expect(fromProvN.issues).toEqual([]);
    expect(canonical(fromProvN)).toEqual(canonical(fromJson));
    expect(node(fromProvN, 'urn:prov:entity:http://example.org/report').props).toMatchObject({ name: 'Report', types: ['http://example.org/Document'] });
    expect(edges(fromProvN, 'HAD_MEMBER')).toHaveLength(2);
    expect(danglingEdges(fromProvN)).toEqual([]);
    expect(unstorableProps(fromProvN)).toEqual([]);
  });

  it('puts syntax errors before the mapping issues and maps what it could read', () => {
    const g = mapProvN(doc('entity(ex:ok)\n  used(ex:a, [)\n  mentionOf(ex:ok, nope:x, -)'), { file: 'f.provn' });
    expect(g.issues.map((i) => [i.code, i.line])).toEqual([['PROVN_SYNTAX_ERROR', 4], ['PROV_UNKNOWN_PREFIX', undefined]]);
    expect(node(g, 'urn:prov:entity:http://example.org/ok').mode).not.toBe('reference');
    expect(edges(g, 'MENTION_OF')).toHaveLength(1);
  });
});
