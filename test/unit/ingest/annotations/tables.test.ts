import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readClingenCuration, readDbnsfpGenes, readStringClusters } from '../../../../ingest/annotations/gene-tables.js';
import { readHpoGenesToPhenotype } from '../../../../ingest/annotations/hpo.js';
import { readKidneyGeneTable } from '../../../../ingest/annotations/kidney-table.js';
import { readEnsemblBiomart, readNcbiGeneJsonl } from '../../../../ingest/annotations/ensembl-ncbi.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

describe('HPO genes_to_phenotype', () => {
  it('legacy #Format layout: the HP id is found although the header names the columns the other way round', async () => {
    const c = await collect(readHpoGenesToPhenotype(bioFixture('annotations', 'genes_to_phenotype_legacy.txt')));
    const pkd1 = nodeByUrn(c, 'urn:annotation:urn:gene:entrez:5310:hpo:unknown');
    expect(pkd1.props).toMatchObject({
      phenotypeIds: ['HP:0000107', 'HP:0000006'],
      phenotypeNames: ['Renal cyst', 'Autosomal dominant inheritance'],
      diseaseIds: ['OMIM:173900', 'ORPHA:730'],
      rowCount: 3,
    });
    expect(c.issues.find((i) => i.code === 'HPO_TERM_MISSING')?.line).toBe(6);
    expect(c.position).toBe(5);
  });

  it('current 6-column layout, release from the file name', async () => {
    const c = await collect(readHpoGenesToPhenotype(bioFixture('annotations', 'genes_to_phenotype.2024-04-26.txt')));
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:entrez:5311:hpo:2024-04-26').props.phenotypeIds).toEqual(['HP:0000107', 'HP:0001407']);
  });
});

describe('STRING clusters, dbNSFP, ClinGen', () => {
  it('STRING: bare-integer hgnc ids, NA levels', async () => {
    const c = await collect(readStringClusters(bioFixture('annotations', 'STRING_cluster_indices-2024-01-03.csv')));
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9009:string:2024-01-03').props).toMatchObject({ stringId: '9606.ENSP00000237596', clusterIndex: '1-2', hierarchy1: 1, hierarchy2: 2 });
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9009:string:2024-01-03').props.hierarchy3).toBeUndefined();
    expect(c.issues.find((i) => i.code === 'GENE_UNIDENTIFIED')?.line).toBe(4);
  });

  it('dbNSFP: "." is missing, ;-lists split', async () => {
    const c = await collect(readDbnsfpGenes(bioFixture('annotations', 'dbnsfp_genes.tsv'), { version: '4.4a' }));
    assertStorable(c);
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000008710:dbnsfp:4.4a').props).toMatchObject({ pHi: 0.95, gnomadPli: 1, hpoIds: ['HP:0000107', 'HP:0000006'], uniprotAccessions: ['P98161'] });
    const umod = nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000169344:dbnsfp:4.4a');
    expect(umod.props.pHi).toBeUndefined();
    expect(JSON.parse(umod.props.dataJson as string)['P(HI)']).toBeNull();
    expect(codes(c)).toEqual([]);
  });

  it('ClinGen: release from the preamble date, PMIDs cited, bad PMIDs reported', async () => {
    const c = await collect(readClingenCuration(bioFixture('annotations', 'ClinGen_gene_curation_list_GRCh38.tsv')));
    const a = nodeByUrn(c, 'urn:annotation:urn:gene:entrez:5310:clingen:2023-11-21');
    expect(a.props).toMatchObject({ haploinsufficiencyScore: '3', haploinsufficiencyDiseaseId: 'MONDO:0004691', dateLastEvaluated: '2020-01-01' });
    expect(nodeByUrn(c, 'urn:annotation-source:clingen:2023-11-21').props.retrievedAt).toBe('2023-11-21');
    expect(edgesOf(c, 'CITES')).toEqual([{ type: 'CITES', from: a.urn, to: 'PMID:23064416' }]);
    expect(c.issues.find((i) => i.code === 'BAD_PMID')?.line).toBe(5);
  });
});

describe('Kidney-Genetics annotated gene table', () => {
  const csv = bioFixture('annotations', 'kidney_annotated.2023-11-22.csv');

  it('NULL is missing; ClinVar and STRING cells are parsed into typed props', async () => {
    const c = await collect(readKidneyGeneTable(csv));
    assertStorable(c);
    const pkd1 = nodeByUrn(c, 'urn:annotation:HGNC:9008:kidney-genetics:2023-11-22');
    expect(pkd1.props).toMatchObject({
      evidenceCount: 5,
      pli: 1,
      clinvarPathogenic: 737,
      clinvarLikelyPathogenic: 305,
      clinvarVus: 1182,
      partners: ['9606.ENSP00000219476', '9606.ENSP00000362680'],
      partnerScores: [795, 292],
      omimIds: ['OMIM:173900'],
      mondoIds: ['MONDO:0004691'],
      curationId: 'cur_308',
    });
    const umod = nodeByUrn(c, 'urn:annotation:HGNC:12559:kidney-genetics:2023-11-22');
    expect(umod.props.pli).toBeUndefined();
    expect(umod.props.onsetGroups).toBeUndefined();
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:NOID:kidney-genetics:2023-11-22')).toBeDefined();
    expect(c.issues.find((i) => i.code === 'BAD_CLINVAR_SUMMARY')?.line).toBe(4);
  });

  it('reads the same table gzip-compressed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'helix-bio-'));
    const gz = path.join(dir, 'kidney_annotated.2024-05-14.csv.gz');
    await writeFile(gz, gzipSync(await readFile(csv)));
    const c = await collect(readKidneyGeneTable(gz));
    expect(withLabel(c, 'Annotation').map((n) => n.urn)).toContain('urn:annotation:HGNC:9008:kidney-genetics:2024-05-14');
    expect(c.position).toBe(3);
  });
});

describe('Ensembl BioMart and NCBI Gene', () => {
  it('BioMart: bare and prefixed HGNC ids; coordinates as an ensembl annotation', async () => {
    const c = await collect(readEnsemblBiomart(bioFixture('genes', 'biomart_genes.txt'), { version: '110' }));
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:ensembl:110').props).toMatchObject({ chromosome: '16', geneStart: 2088708, geneEnd: 2135898, ensemblGeneId: 'ENSG00000008710' });
    expect(nodeByUrn(c, 'urn:annotation:HGNC:11998:ensembl:110')).toBeDefined();
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000000003:ensembl:110')).toBeDefined();
    expect(c.issues.find((i) => i.code === 'BAD_NUMBER')?.line).toBe(4);
  });

  it('NCBI Gene: each GeneRIF PMID cited once', async () => {
    const c = await collect(readNcbiGeneJsonl(bioFixture('genes', 'ncbi_gene_info.jsonl'), { version: '2024-01-01' }));
    const a = nodeByUrn(c, 'urn:annotation:urn:gene:entrez:5310:ncbi-gene:2024-01-01');
    expect(a.props).toMatchObject({ generifCount: 2, publicationCount: 2, summary: 'This gene encodes polycystin 1.' });
    expect(edgesOf(c, 'CITES').map((e) => e.to)).toEqual(['PMID:12345', 'PMID:23456']);
    expect(codes(c)).toContain('BAD_PMID');
  });
});
