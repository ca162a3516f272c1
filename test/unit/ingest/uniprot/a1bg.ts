import { checksums } from '../../../../ingest/common/bio/sequence.js';

/** A1BG_HUMAN (P04217) as both fixtures (the TSV search and the XML entries) must map it: the formats agree. */
export const A1BG_PROPS = {
  accession: 'P04217',
  entryName: 'A1BG_HUMAN',
  entryType: 'UniProtKB reviewed (Swiss-Prot)',
  reviewed: true,
  proteinName: 'Alpha-1B-glycoprotein',
  alternativeNames: ['Alpha-1-B glycoprotein'],
  geneNames: ['A1BG'],
  organism: 'Homo sapiens',
  taxonId: 9606,
  length: 40,
  molWeight: 4471,
  ...checksums('MSMLVVFLLLWGVTWGPVTEAAIFYETQPSLWAESESLLK'),
  hgncIds: ['HGNC:5'],
  ensemblGeneIds: ['ENSG00000121410'],
  entrezIds: ['1'],
  mimIds: ['138670'],
  proteinExistence: '1: Evidence at protein level',
  entryVersion: 213,
  sequenceVersion: 4,
  firstPublicDate: '1986-07-21',
  lastAnnotationUpdateDate: '2024-11-27',
  lastSequenceUpdateDate: '2009-06-16',
};
