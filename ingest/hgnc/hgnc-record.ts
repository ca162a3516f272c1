import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import { resolveGene } from '../common/bio/gene-ref.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId, parseUniprotAccession } from '../common/bio/ids.js';
import { cell, isoDate, list, num } from '../common/missing.js';
import { addIsoformLink } from '../common/bio/sequence-ref.js';

/** An HGNC gene document: REST/Solr `docs[]`, the complete-set JSONL, or a complete-set TSV row as an object. */
export type HgncDoc = Record<string, unknown>;

function numbers(value: unknown): number[] {
  return list(value)
    .map((v) => Number(v))
    .filter((n) => Number.isFinite(n));
}

function firstOf(doc: HgncDoc, ...keys: string[]): unknown {
  for (const k of keys) if (doc[k] !== undefined && cell(doc[k]) !== undefined) return doc[k];
  return undefined;
}

/** Gene props from an HGNC document; multi-valued fields may be arrays or `|`-joined strings. */
export function hgncGeneProps(doc: HgncDoc): Props {
  const ensembl = parseEnsemblId(cell(doc.ensembl_gene_id));
  return {
    hgncId: normalizeHgncId(doc.hgnc_id),
    symbol: cell(doc.symbol),
    name: cell(doc.name),
    status: cell(doc.status),
    locusType: cell(doc.locus_type),
    locusGroup: cell(doc.locus_group),
    location: cell(doc.location),
    aliasSymbols: list(doc.alias_symbol),
    aliasNames: list(doc.alias_name),
    prevSymbols: list(doc.prev_symbol),
    prevNames: list(doc.prev_name),
    ensemblGeneId: ensembl?.id,
    ensemblGeneVersion: ensembl?.version,
    entrezId: normalizeEntrezId(doc.entrez_id),
    uniprotIds: list(doc.uniprot_ids),
    omimIds: list(doc.omim_id),
    maneSelect: list(doc.mane_select),
    refseqAccessions: list(doc.refseq_accession),
    ccdsIds: list(doc.ccds_id),
    geneGroups: list(firstOf(doc, 'gene_group', 'gene_family')),
    geneGroupIds: numbers(firstOf(doc, 'gene_group_id', 'gene_family_id')),
    pubmedIds: numbers(doc.pubmed_id),
    mgdIds: list(doc.mgd_id),
    rgdIds: list(doc.rgd_id),
    vegaId: cell(doc.vega_id),
    ucscId: cell(doc.ucsc_id),
    orphanetId: num(doc.orphanet),
    dateApprovedReserved: isoDate(doc.date_approved_reserved),
    dateSymbolChanged: isoDate(doc.date_symbol_changed),
    dateNameChanged: isoDate(doc.date_name_changed),
    dateModified: isoDate(doc.date_modified),
  };
}

/**
 * One owned Gene (urn `HGNC:<n>`) plus (Gene)-[:ENCODES]->(Protein) for each UniProt id it lists (proteins as
 * references). A document without a usable HGNC id falls back to the Ensembl/Entrez/symbol urn, with a warning.
 */
export function mapHgncDoc(doc: HgncDoc, f: Fragment): void {
  const props = hgncGeneProps(doc);
  let urn = props.hgncId as string | undefined;
  if (!urn) {
    const fallback = resolveGene({ ensemblGeneId: props.ensemblGeneId, entrezId: props.entrezId, symbol: props.symbol });
    if (!fallback) {
      f.issue('error', 'HGNC_RECORD_WITHOUT_ID', 'gene record has no HGNC id, Ensembl id, Entrez id or symbol');
      return;
    }
    f.issue('warning', 'HGNC_ID_MISSING', `gene record without a usable hgnc_id (${String(doc.hgnc_id)})`, {
      subject: fallback.urn,
    });
    urn = fallback.urn;
  }
  const ensemblRaw = cell(doc.ensembl_gene_id);
  if (ensemblRaw && !props.ensemblGeneId) {
    f.issue('warning', 'BAD_ENSEMBL_ID', `unrecognised Ensembl gene id ${ensemblRaw}`, { subject: urn });
  }
  // A REST search hit (`{hgnc_id, symbol, score}`) names a gene without describing it: owning it would replace a
  // full record with two fields.
  const searchHit = doc.score !== undefined && doc.name === undefined && doc.status === undefined && doc.locus_type === undefined;
  f.node({ urn, labels: ['Gene'], props, ...(searchHit ? { mode: 'reference' as const } : {}) });
  f.count(searchHit ? 'searchHits' : 'genes');
  if (searchHit) return;
  for (const id of props.uniprotIds as string[]) {
    const acc = parseUniprotAccession(id);
    if (!acc) {
      f.issue('warning', 'BAD_UNIPROT_ACCESSION', `unrecognised UniProt accession ${id}`, { subject: urn });
      continue;
    }
    f.node({ urn: acc.accession, labels: ['Protein'], props: { accession: acc.accession }, mode: 'reference' });
    f.edge('ENCODES', urn, acc.accession);
    addIsoformLink(f, { urn: acc.accession, label: 'Protein', props: {}, ...(acc.isoform ? { canonical: acc.canonical } : {}) });
  }
}
