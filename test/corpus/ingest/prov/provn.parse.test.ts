import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappedGraph } from '../../../../ingest/core/graph.js';
import { looksLikeProvN, mapProvJson, mapProvN, parseProvN, readProvDocument } from '../../../../ingest/prov/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, listFiles, unstorable } from '../provenance-helpers.js';

const root = corpusPath('provenance');
const docs = listFiles(root, '.provn').map((file) => {
  const twin = file.replace(/\.provn$/, '.json');
  return { name: path.relative(root, file), text: readFileSync(file, 'utf8'), twin: existsSync(twin) ? readFileSync(twin, 'utf8') : undefined };
});
const twins = docs.filter((d) => d.twin !== undefined);

const STATEMENT = /^\s*([A-Za-z][\w:]*)\s*\(/;

const labelsByUrn = (g: MappedGraph) => new Map(g.nodes.map((n) => [n.urn, [...n.labels].sort().join(',')]));
const edgeSet = (g: MappedGraph) => new Set(g.edges.map((e) => `${e.type} ${e.from} ${e.to}`));

/** Records of a document, prefixes applied and values decoded, anonymous relation ids left out. */
function content(json: Record<string, unknown>) {
  const flat = (d: ReturnType<typeof readProvDocument>): Array<ReturnType<typeof readProvDocument>> => [d, ...d.bundles.flatMap(flat)];
  const all = flat(readProvDocument(json));
  return {
    elements: all.flatMap((d) => [...d.elements].flatMap(([kind, m]) => [...m].map(([iri, attrs]) => JSON.stringify([d.bundleId, kind, iri, attrs])))).sort(),
    relations: all.flatMap((d) => d.relations.map((r) => JSON.stringify([d.bundleId, r.type, r.record.id, Object.entries(r.record.attrs).sort()]))).sort(),
  };
}

describe('PROV-N corpus', () => {
  it('finds PROV-N documents, at least one with a PROV-JSON twin', () => {
    expect(docs.length).toBeGreaterThan(0);
    expect(twins.length).toBeGreaterThan(0);
  });

  it.each(docs)('$name: parses without errors, one record per statement', ({ name, text }) => {
    expect(looksLikeProvN(text)).toBe(true);
    const { document, issues } = parseProvN(text, { file: name });
    expect(issues).toEqual([]);
    const statements = text.split('\n').filter((l) => STATEMENT.test(l)).length;
    const records = (d: Record<string, unknown>): number =>
      Object.entries(d).reduce((n, [key, block]) => {
        if (key === 'prefix') return n;
        const values = Object.values(block as Record<string, unknown>);
        if (key === 'bundle') return n + values.reduce<number>((m, b) => m + records(b as Record<string, unknown>), 0);
        return n + values.reduce<number>((m, r) => m + (Array.isArray(r) ? r.length : 1), 0);
      }, 0);
    expect(records(document)).toBe(statements);
    const g = mapProvN(text, { file: name });
    expect(g.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
  });

  it.each(twins)('$name: says what its PROV-JSON twin says', ({ text, twin }) => {
    // Same elements with the same decoded attributes, same relations. The notations differ only in form: PROV-JSON
    // writes `true` where PROV-N writes "1" %% xsd:boolean, and anonymous relations get different blank ids.
    expect(content(parseProvN(text).document)).toEqual(content(JSON.parse(twin!)));
  });

  it.each(twins)('$name: maps to the same graph as its PROV-JSON twin', ({ name, text, twin }) => {
    const fromProvN = mapProvN(text, { file: name });
    const fromJson = mapProvJson(twin!, { file: name });
    expect(fromProvN.nodes.length).toBeGreaterThan(0);
    expect(labelsByUrn(fromProvN)).toEqual(labelsByUrn(fromJson));
    expect(edgeSet(fromProvN)).toEqual(edgeSet(fromJson));
    expect(fromProvN.edges.length).toBe(fromJson.edges.length);
    const props = (g: MappedGraph) => new Map(g.nodes.map((n) => [n.urn, n.props]));
    expect(props(fromProvN)).toEqual(props(fromJson));
    expect(fromProvN.issues.map((i) => i.code)).toEqual(fromJson.issues.map((i) => i.code));
  });
});
