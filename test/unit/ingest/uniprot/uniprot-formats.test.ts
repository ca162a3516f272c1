import { describe, expect, it } from 'vitest';
import type { GraphNode, Props } from '../../../../ingest/core/graph.js';
import { readUniprotJson } from '../../../../ingest/uniprot/uniprot-json.js';
import { readUniprotTsv } from '../../../../ingest/uniprot/uniprot-tsv.js';
import { readUniprotXml } from '../../../../ingest/uniprot/uniprot-xml.js';
import { bioFixture, collect, nodeByUrn, type Collected } from '../collect.js';

/** Properties both maps define; the formats must agree on every one of them. */
function overlap(a: Props, b: Props): { keys: string[]; left: Props; right: Props } {
  const keys = Object.keys(a).filter((k) => a[k] !== undefined && b[k] !== undefined).sort();
  return { keys, left: Object.fromEntries(keys.map((k) => [k, a[k]])), right: Object.fromEntries(keys.map((k) => [k, b[k]])) };
}

const edgesAround = (c: Collected, urn: string) =>
  c.edges.filter((e) => e.to === urn || e.from === urn).map((e) => `${e.from}-${e.type}->${e.to}`).sort();

const isoformNodes = (c: Collected, canonical: string): GraphNode[] =>
  c.nodes.filter((n) => n.urn.startsWith(`${canonical}-`) && n.mode === 'reference').sort((a, b) => a.urn.localeCompare(b.urn));

/** What every format of the A1BG entry carries. */
const SHARED = [
  'accession', 'crc64', 'ensemblGeneIds', 'entrezIds', 'entryName', 'entryType', 'entryVersion', 'firstPublicDate', 'geneNames',
  'hgncIds', 'keywords', 'lastAnnotationUpdateDate', 'lastSequenceUpdateDate', 'length', 'molWeight', 'organism', 'proteinExistence',
  'proteinName', 'reviewed', 'sequence', 'sequenceMd5', 'sequenceVersion', 'sha256', 'taxonId',
];

describe('one UniProtKB entry in JSON, TSV and XML', () => {
  it('gives the same Protein props, genes and isoforms wherever the formats overlap', async () => {
    const json = await collect(readUniprotJson(bioFixture('proteins', 'uniprot_a1bg.json')));
    const tsv = await collect(readUniprotTsv(bioFixture('proteins', 'uniprot_search.tsv')));
    const xml = await collect(readUniprotXml(bioFixture('proteins', 'uniprot_entries.xml')));
    const forms = { json, tsv, xml };
    for (const [a, b] of [['json', 'tsv'], ['json', 'xml'], ['tsv', 'xml']] as const) {
      const { keys, left, right } = overlap(nodeByUrn(forms[a], 'P04217').props, nodeByUrn(forms[b], 'P04217').props);
      expect(keys, `${a} ∩ ${b}`).toEqual(expect.arrayContaining(SHARED));
      expect(left, `${a} vs ${b}`).toEqual(right);
    }
    expect(overlap(nodeByUrn(json, 'P04217').props, nodeByUrn(xml, 'P04217').props).keys).toContain('secondaryAccessions');
    expect(overlap(nodeByUrn(json, 'P04217').props, nodeByUrn(tsv, 'P04217').props).keys).toContain('annotationScore');
    expect(overlap(nodeByUrn(tsv, 'P04217').props, nodeByUrn(xml, 'P04217').props).keys).toEqual(expect.arrayContaining(['alternativeNames', 'mimIds']));

    expect(edgesAround(json, 'P04217')).toEqual(['HGNC:5-ENCODES->P04217', 'P04217-1-ISOFORM_OF->P04217', 'P04217-2-ISOFORM_OF->P04217']);
    expect(edgesAround(xml, 'P04217')).toEqual(edgesAround(json, 'P04217'));
    // The TSV also has the isoform's own row; its ISOFORM_OF edge is the same edge.
    expect(edgesAround(tsv, 'P04217')).toEqual(edgesAround(json, 'P04217'));
    expect(nodeByUrn(tsv, 'HGNC:5').props).toEqual(nodeByUrn(json, 'HGNC:5').props);
    expect(nodeByUrn(xml, 'HGNC:5').props).toEqual(nodeByUrn(json, 'HGNC:5').props);
    expect(isoformNodes(xml, 'P04217')).toEqual(isoformNodes(json, 'P04217'));
    expect(isoformNodes(tsv, 'P04217')).toEqual(isoformNodes(json, 'P04217').filter((n) => n.urn !== 'P04217-2'));
  });

  it('agrees between TSV and XML on an entry with alternative and short names', async () => {
    const tsv = nodeByUrn(await collect(readUniprotTsv(bioFixture('proteins', 'uniprot_search.tsv'))), 'Q9CQV8').props;
    const xml = nodeByUrn(await collect(readUniprotXml(bioFixture('proteins', 'uniprot_entries.xml'))), 'Q9CQV8').props;
    const { keys, left, right } = overlap(tsv, xml);
    expect(keys).toEqual(expect.arrayContaining([...SHARED, 'alternativeNames']));
    expect(left).toEqual(right);
  });
});
