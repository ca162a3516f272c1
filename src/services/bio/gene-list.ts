import { requireQueries } from '../../db/registry.js';
import { LIMITS, pageSize } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { buildSearchQuery } from '../metadata/lucene.js';
import { decodeKeyset, keysetPage, optionalText, storedRows, type KeysetPage } from './keyset-cursor.js';

const Q = requireQueries(['bio/list-genes', 'bio/count-genes', 'bio/search-gene-urns'] as const);

export interface GeneFilter {
  /** Approved symbol, case-insensitive. */
  symbol?: string | null;
  /** Full-text over symbols and names (the best LIMITS.searchWindow gene hits are filtered). */
  text?: string | null;
  /** Genes with at least one annotation of this source (name as in Annotation.source, e.g. gnomad). */
  hasAnnotationFrom?: string | null;
  /** ...of this release of it. */
  annotationVersion?: string | null;
  locusType?: string | null;
  /** HGNC status: Approved, Entry Withdrawn, ... */
  status?: string | null;
}

export interface GeneListArgs {
  filter?: GeneFilter | null;
  first?: number | null;
  after?: string | null;
}

/** genes(filter, first, after): genes in urn order, keyset-paged, every filter optional. */
export async function listGenes(s: ServiceContext, args: GeneListArgs): Promise<KeysetPage> {
  const first = pageSize(args.first, 50);
  const [after] = decodeKeyset('genes', args.after, 1) ?? [''];
  const params = await filterParams(s, args.filter ?? {});
  const rows = storedRows(await s.exec.read(Q['bio/list-genes'], { ...params, after: String(after), first: first + 1 }, s.query));
  return keysetPage('genes', rows, first, (r) => [r.urn], async () => {
    const [row] = await s.exec.read(Q['bio/count-genes'], params, s.query);
    return Number(row?.total ?? 0);
  });
}

async function filterParams(s: ServiceContext, f: GeneFilter): Promise<Record<string, unknown>> {
  const text = optionalText('filter.text', f.text, LIMITS.maxSearchText);
  let urns: string[] | null = null;
  if (text !== null) {
    const { lucene } = buildSearchQuery(text);
    const rows = await s.exec.read(Q['bio/search-gene-urns'], { lucene, window: LIMITS.searchWindow }, s.query);
    urns = rows.map((r) => String(r.urn));
  }
  return {
    urns,
    symbol: optionalText('filter.symbol', f.symbol, 100)?.toUpperCase() ?? null,
    locusType: optionalText('filter.locusType', f.locusType, 200)?.toLowerCase() ?? null,
    status: optionalText('filter.status', f.status, 100)?.toLowerCase() ?? null,
    source: optionalText('filter.hasAnnotationFrom', f.hasAnnotationFrom, 200)?.toLowerCase() ?? null,
    sourceVersion: optionalText('filter.annotationVersion', f.annotationVersion, 200),
  };
}
