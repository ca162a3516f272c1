import { describe, expect, it } from 'vitest';
import { readKidneyAnnotationApi } from '../../../../ingest/annotations/kidney-api.js';
import { readKidneyEvidence } from '../../../../ingest/annotations/kidney-evidence.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

describe('kidney-genetics annotation API shape', () => {
  it('every listed version becomes its own Annotation with typed props per source', async () => {
    const c = await collect(readKidneyAnnotationApi(bioFixture('annotations', 'kidney_gene_annotations.json')));
    assertStorable(c);
    const old = nodeByUrn(c, 'urn:annotation:HGNC:9008:gnomad:v4.0.0');
    const current = nodeByUrn(c, 'urn:annotation:HGNC:9008:gnomad:v4.1.0');
    expect(old.props).toMatchObject({ pli: 0.98, updatedAt: '2024-01-05T10:00:00Z', retrievedAt: '2024-01-05T10:00:00Z', fromCache: false });
    expect(current.props).toMatchObject({ pli: 1, lofZ: 9.96, loeuf: 0.19, kidneyGeneticsGeneId: '42' });
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:gtex:v8').props).toMatchObject({ topTissue: 'Kidney - Medulla', topTissueMedianTpm: 12.06 });
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:clinvar:2024-05').props).toMatchObject({ countPathogenic: 737, countUncertainSignificance: 1182, variantCount: 2224 });
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:hpo:1.0').props.phenotypeIds).toEqual(['HP:0000107', 'HP:0000006']);
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:string_ppi:12.0').props).toMatchObject({ partners: ['PKD2', 'NPHP1'], ppiScore: 12.5 });
    expect(nodeByUrn(c, 'urn:annotation-source:gnomad:v4.0.0')).toBeDefined();
    expect(c.issues.find((i) => i.code === 'ANNOTATION_VERSION_DUPLICATE')?.subject).toBe('HGNC:9008');
    expect(withLabel(c, 'Annotation')).toHaveLength(7);
  });

  it('JSONL of gene objects; a record naming no gene is reported', async () => {
    const c = await collect(readKidneyAnnotationApi(bioFixture('annotations', 'kidney_gene_annotations.jsonl')));
    expect(nodeByUrn(c, 'urn:annotation:HGNC:12559:uniprot:2024_03')).toBeDefined();
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9009:gnomad:v4.1.0').props.pli).toBe(0.99);
    expect(c.issues.find((i) => i.code === 'GENE_UNIDENTIFIED')?.line).toBe(3);
  });
});

describe('kidney-genetics evidence seeds', () => {
  it('literature: owned Publication, one Annotation per gene citing it, duplicates merged', async () => {
    const c = await collect(readKidneyEvidence(bioFixture('annotations', 'literature_pmid_12345678.json')));
    expect(nodeByUrn(c, 'PMID:12345678')).toMatchObject({ props: { title: 'A targeted renal gene panel', authors: ['A Author', 'B Author'], publicationDate: '2016-04-22' } });
    expect(nodeByUrn(c, 'PMID:12345678').mode).toBeUndefined();
    const cep = nodeByUrn(c, 'urn:annotation:HGNC:29021:literature/PMID:12345678:2025-08-24');
    expect(cep.props.reportedAs).toEqual(['CEP290', 'POC3']);
    expect(codes(c)).toEqual(expect.arrayContaining(['DUPLICATE_RECORD', 'GENE_NOT_NORMALIZED']));
    expect(edgesOf(c, 'CITES').every((e) => e.to === 'PMID:12345678')).toBe(true);
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:FOO1:literature/PMID:12345678:2025-08-24')).toBeDefined();
  });

  it('diagnostic panels: FROM_PANEL every panel, the file default when a gene lists none', async () => {
    const c = await collect(readKidneyEvidence(bioFixture('annotations', 'panel_provider.json')));
    const pkd1 = 'urn:annotation:HGNC:9008:diagnostic-panels/lab_x:2025-08-24';
    expect(edgesOf(c, 'FROM_PANEL').filter((e) => e.from === pkd1).map((e) => e.to)).toEqual([
      'urn:panel:lab_x/cystic-kidney-disease',
      'urn:panel:lab_x/kidney-diseases-panel',
    ]);
    expect(edgesOf(c, 'FROM_PANEL').find((e) => e.from.includes('HGNC:12559'))?.to).toBe('urn:panel:lab_x/kidney-diseases-panel');
    expect(nodeByUrn(c, 'urn:panel:lab_x/cystic-kidney-disease').props).toMatchObject({ title: 'Cystic Kidney Disease', provider: 'lab_x' });
  });
});
