import { requireQueries } from '../../db/registry.js';
import { badInput } from '../../errors.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { optionalText, storedRows, type StoredNode } from './keyset-cursor.js';

const Q = requireQueries(['bio/find-genes-by-symbol'] as const);

/**
 * The urn of a gene id as people write it: `HGNC:1100`, `hgnc:1100`, bare `1100` (also `1100.0` from spreadsheets);
 * any other gene urn (`urn:gene:ensembl:ENSG…`) is taken as it is.
 */
export function geneUrnFromId(id: string): string {
  const t = id.trim();
  const m = /^(?:hgnc:)?(\d+)(?:\.0+)?$/i.exec(t);
  if (m) return `HGNC:${Number(m[1])}`;
  if (/^urn:gene:/.test(t)) return t;
  throw badInput(`'${id}' is not a gene id: give HGNC:<n>, a bare HGNC number or a gene urn`, { argument: 'id' });
}

export interface GeneLookupArgs {
  id?: string | null;
  symbol?: string | null;
}

/** Exactly one of id and symbol: what gene(...) was asked. */
export function geneLookup(args: GeneLookupArgs): { urn: string } | { symbol: string } {
  const id = optionalText('id', args.id, 200);
  const symbol = optionalText('symbol', args.symbol, 100);
  if ((id === null) === (symbol === null)) throw badInput('gene(...) takes exactly one of id and symbol', { argument: id ? 'symbol' : 'id' });
  return id !== null ? { urn: geneUrnFromId(id) } : { symbol: symbol! };
}

/**
 * The gene a symbol names, case-insensitively: the approved gene with that symbol first, then genes known only by
 * reference, withdrawn entries, and finally genes that had it as a previous symbol or alias.
 */
export async function findGeneBySymbol(s: ServiceContext, symbol: string): Promise<StoredNode | null> {
  const rows = await s.exec.read(Q['bio/find-genes-by-symbol'], { symbol: symbol.toUpperCase() }, s.query);
  return storedRows(rows)[0] ?? null;
}
