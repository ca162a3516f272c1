import { requireQueries } from '../../db/registry.js';
import { labelList, LIMITS, pageSize } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { decodeOffset, encodeCursor } from './cursor.js';
import { buildSearchQuery } from './lucene.js';
import type { StoredNode } from '../../db/stored-node.js';

const Q = requireQueries(['search/search-nodes'] as const);

export interface SearchArgs {
  text: string;
  types?: string[] | null;
  first?: number | null;
  after?: string | null;
}

export interface SearchHit {
  cursor: string;
  node: StoredNode;
  score: number;
  exactMatch: boolean;
}

export interface SearchPage {
  hits: SearchHit[];
  hasNextPage: boolean;
}

/**
 * search(...): ranked full-text search, exact name matches first. Pages are offsets into one fixed ranking of
 * the best LIMITS.searchWindow hits, so cursors stay valid while the graph does not change.
 */
export async function searchNodes(s: ServiceContext, args: SearchArgs): Promise<SearchPage> {
  const { lucene, exact } = buildSearchQuery(args.text);
  const types = labelList('types', args.types);
  const first = pageSize(args.first, 20);
  const offset = decodeOffset('search', args.after);
  const rows = await s.exec.read(
    Q['search/search-nodes'],
    { lucene, exact, types, window: LIMITS.searchWindow, offset, first: first + 1 },
    s.query,
  );
  const hits = rows.slice(0, first).map((r, i) => ({
    cursor: encodeCursor('search', offset + i),
    node: { urn: String(r.urn), labels: r.labels as string[], props: r.props as Record<string, unknown> },
    score: Number(r.score),
    exactMatch: Boolean(r.exactMatch),
  }));
  return { hits, hasNextPage: rows.length > first };
}
