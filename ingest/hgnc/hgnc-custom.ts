import type { HgncDoc } from './hgnc-record.js';

/**
 * genenames.org "custom downloads" name the columns for people (`HGNC ID`, `Approved symbol`, …) and join lists
 * with ", "; this maps such a row onto the complete-set field names (lists as arrays).
 */
const SINGLE: Record<string, string> = {
  'HGNC ID': 'hgnc_id',
  'Approved symbol': 'symbol',
  'Approved name': 'name',
  Status: 'status',
  'Locus type': 'locus_type',
  'Locus group': 'locus_group',
  Chromosome: 'location',
  'Chromosome location': 'location',
  'Date approved': 'date_approved_reserved',
  'Date modified': 'date_modified',
  'Date symbol changed': 'date_symbol_changed',
  'Date name changed': 'date_name_changed',
  'NCBI Gene ID': 'entrez_id',
  'NCBI Gene ID(supplied by NCBI)': 'entrez_id',
  'Ensembl gene ID': 'ensembl_gene_id',
  'Ensembl ID(supplied by Ensembl)': 'ensembl_gene_id',
  'UCSC ID(supplied by UCSC)': 'ucsc_id',
  'VEGA IDs': 'vega_id',
};

const LISTS: Record<string, string> = {
  'Previous symbols': 'prev_symbol',
  'Previous name': 'prev_name',
  'Alias symbols': 'alias_symbol',
  'Alias names': 'alias_name',
  'Pubmed IDs': 'pubmed_id',
  'RefSeq IDs': 'refseq_accession',
  'RefSeq(supplied by NCBI)': 'refseq_accession',
  'Gene group ID': 'gene_group_id',
  'Gene group name': 'gene_group',
  'CCDS IDs': 'ccds_id',
  'OMIM ID(supplied by OMIM)': 'omim_id',
  'UniProt ID(supplied by UniProt)': 'uniprot_ids',
  'Mouse genome database ID': 'mgd_id',
  'Mouse genome database ID(supplied by MGI)': 'mgd_id',
  'Rat genome database ID(supplied by RGD)': 'rgd_id',
  'MANE Select Ensembl transcript ID (supplied by NCBI)': 'mane_select',
  'MANE Select RefSeq transcript ID (supplied by NCBI)': 'mane_select',
};

export function isCustomDownload(values: Record<string, string>): boolean {
  return 'HGNC ID' in values && !('hgnc_id' in values);
}

export function fromCustomDownload(values: Record<string, string>): HgncDoc {
  const doc: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) {
    const single = SINGLE[column];
    const listKey = LISTS[column];
    if (single && doc[single] === undefined) doc[single] = value;
    else if (listKey) {
      const items = value.split(/\s*[,|]\s*/).filter(Boolean);
      doc[listKey] = [...((doc[listKey] as string[] | undefined) ?? []), ...items];
    }
  }
  return doc;
}
