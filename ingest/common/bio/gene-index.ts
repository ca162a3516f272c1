import type { MappedGraph } from '../../core/graph.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId } from './ids.js';

export interface IndexedGene {
  hgncId: string;
  symbol?: string;
  ensemblGeneId?: string;
  entrezId?: string;
}

/**
 * Ensembl / Entrez / approved-symbol → HGNC id, filled from HGNC ingestion so that annotation and protein files that
 * name a gene without its HGNC id still point at the HGNC Gene node. Holds one entry per gene (not per record).
 * Symbols are matched case-insensitively and only for approved human genes; alias and previous symbols are
 * ambiguous and never indexed.
 */
export class GeneIdIndex {
  private byEnsembl = new Map<string, string>();
  private byEntrez = new Map<string, string>();
  private bySymbol = new Map<string, string>();
  /** Genes without an HGNC id: every id a record gave next to a fallback urn leads back to that urn. */
  private fallbacks = new Map<string, string>();

  get size(): number {
    return new Set([...this.byEnsembl.values(), ...this.byEntrez.values(), ...this.bySymbol.values()]).size;
  }

  add(gene: IndexedGene): void {
    const hgnc = normalizeHgncId(gene.hgncId);
    if (!hgnc) return;
    const ensembl = parseEnsemblId(gene.ensemblGeneId)?.id;
    const entrez = normalizeEntrezId(gene.entrezId);
    if (ensembl) this.byEnsembl.set(ensembl, hgnc);
    if (entrez) this.byEntrez.set(entrez, hgnc);
    if (gene.symbol) this.bySymbol.set(gene.symbol.trim().toUpperCase(), hgnc);
  }

  /** Learn the approved HGNC genes a batch owns (call it on every batch of an HGNC ingestion). */
  observe(graph: Pick<MappedGraph, 'nodes'>): void {
    for (const node of graph.nodes) {
      if (node.mode === 'reference' || !node.labels.includes('Gene') || !node.urn.startsWith('HGNC:')) continue;
      const p = node.props;
      if (p.status !== undefined && p.status !== 'Approved') continue;
      this.add({
        hgncId: node.urn,
        symbol: typeof p.symbol === 'string' ? p.symbol : undefined,
        ensemblGeneId: typeof p.ensemblGeneId === 'string' ? p.ensemblGeneId : undefined,
        entrezId: typeof p.entrezId === 'string' ? p.entrezId : undefined,
      });
    }
  }

  lookup(ids: { ensemblGeneId?: string; entrezId?: string; symbol?: string; taxonId?: string }): string | undefined {
    if (ids.ensemblGeneId) {
      const hit = this.byEnsembl.get(ids.ensemblGeneId);
      if (hit) return hit;
    }
    if (ids.entrezId) {
      const hit = this.byEntrez.get(ids.entrezId);
      if (hit) return hit;
    }
    if (ids.symbol && (ids.taxonId === undefined || ids.taxonId === '9606')) {
      return this.bySymbol.get(ids.symbol.toUpperCase());
    }
    return undefined;
  }

  /**
   * Remember a fallback gene (`urn:gene:…`) under every id it was named with, so a later record that names the
   * same gene by another of them (Entrez instead of Ensembl, or only its symbol) gets the same urn. The first urn
   * given to an id keeps it.
   */
  addFallback(urn: string, ids: FallbackIds): void {
    for (const key of fallbackKeys(ids)) if (!this.fallbacks.has(key)) this.fallbacks.set(key, urn);
  }

  lookupFallback(ids: FallbackIds): string | undefined {
    for (const key of fallbackKeys(ids)) {
      const hit = this.fallbacks.get(key);
      if (hit) return hit;
    }
    return undefined;
  }
}

export interface FallbackIds {
  ensemblGeneId?: string;
  entrezId?: string;
  symbol?: string;
  taxonId?: string;
}

/** In order of trust: Ensembl, Entrez, then the symbol within its taxon. */
function fallbackKeys(ids: FallbackIds): string[] {
  const keys: string[] = [];
  if (ids.ensemblGeneId) keys.push(`ensembl:${ids.ensemblGeneId}`);
  if (ids.entrezId) keys.push(`entrez:${ids.entrezId}`);
  if (ids.symbol) keys.push(`symbol:${ids.taxonId ?? '9606'}:${ids.symbol.toUpperCase()}`);
  return keys;
}
