import type { GraphNode, Props } from '../../core/graph.js';
import type { FallbackIds, GeneIdIndex } from './gene-index.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId } from './ids.js';
import { ensemblGeneUrn, entrezGeneUrn, symbolGeneUrn } from '../urns.js';

export const HUMAN_TAXON = '9606';

/** Whatever a record says about a gene. */
export interface GeneIds {
  hgncId?: unknown;
  ensemblGeneId?: unknown;
  entrezId?: unknown;
  symbol?: unknown;
  taxonId?: unknown;
}

export interface GeneRef {
  urn: string;
  /** How the urn was chosen: hgnc (record or index), ensembl, entrez or symbol fallback. */
  basis: 'hgnc' | 'hgnc-index' | 'ensembl' | 'entrez' | 'symbol';
  props: Props;
}

export interface GeneRefOptions {
  index?: GeneIdIndex;
  /** Taxon for symbol-only genes when the record has none (default 9606). */
  defaultTaxon?: string;
  /** Ignore Ensembl/Entrez ids for the fallback urn (protein → gene: HGNC, else symbol). */
  symbolFallbackOnly?: boolean;
}

/**
 * The urn of the gene a record names. `HGNC:<n>` whenever an HGNC id is known (from the record or the index);
 * otherwise the documented fallback `urn:gene:ensembl:<ENSG>`, else `urn:gene:entrez:<id>`,
 * else `urn:gene:symbol:<taxon>:<SYMBOL upper-cased>` — unless the index already knows a fallback gene under one of
 * the record's ids, whose urn is reused. Undefined when the record names no gene at all.
 */
export function resolveGene(ids: GeneIds, o: GeneRefOptions = {}): GeneRef | undefined {
  const ensembl = parseEnsemblId(typeof ids.ensemblGeneId === 'string' ? ids.ensemblGeneId : undefined);
  const ensemblGeneId = ensembl && /^ENS[A-Z]*G\d/.test(ensembl.id) ? ensembl.id : undefined;
  const entrezId = normalizeEntrezId(ids.entrezId);
  const symbol = typeof ids.symbol === 'string' && ids.symbol.trim() ? ids.symbol.trim() : undefined;
  const taxonId = ids.taxonId !== undefined && ids.taxonId !== null && String(ids.taxonId).trim()
    ? String(ids.taxonId).trim()
    : (o.defaultTaxon ?? HUMAN_TAXON);
  const props: Props = { symbol, ensemblGeneId, entrezId };

  const hgnc = normalizeHgncId(ids.hgncId);
  if (hgnc) return { urn: hgnc, basis: 'hgnc', props: { hgncId: hgnc, ...props } };
  const indexed = o.index?.lookup({ ensemblGeneId, entrezId, symbol, taxonId });
  if (indexed) return { urn: indexed, basis: 'hgnc-index', props: { hgncId: indexed, ...props } };
  const ref = fallbackRef(o.symbolFallbackOnly ? { symbol, taxonId } : { ensemblGeneId, entrezId, symbol, taxonId }, o.index);
  return ref && { ...ref, props: ref.basis === 'symbol' ? { ...props, taxonId } : props };
}

/** A gene without an HGNC id: the urn an earlier record gave it under any of these ids, else a new fallback urn. */
function fallbackRef(ids: FallbackIds, index: GeneIdIndex | undefined): Omit<GeneRef, 'props'> | undefined {
  const known = index?.lookupFallback(ids);
  const urn =
    known ??
    (ids.ensemblGeneId
      ? ensemblGeneUrn(ids.ensemblGeneId)
      : ids.entrezId
        ? entrezGeneUrn(ids.entrezId)
        : ids.symbol
          ? symbolGeneUrn(String(ids.taxonId), ids.symbol)
          : undefined);
  if (!urn) return undefined;
  index?.addFallback(urn, ids);
  const basis = urn.startsWith('urn:gene:ensembl:') ? 'ensembl' : urn.startsWith('urn:gene:entrez:') ? 'entrez' : 'symbol';
  return { urn, basis };
}

/** A Gene this artifact points at but does not own. */
export function geneReferenceNode(ref: GeneRef): GraphNode {
  return { urn: ref.urn, labels: ['Gene'], props: ref.props, mode: 'reference' };
}
