import type { KeysetPage } from '../services/bio/keyset-cursor.js';
import { toParent } from './resolvers/fields.js';

/** Relay pagination, shared by every connection the API returns. */

export function pageInfo(edges: Array<{ cursor: string }>, hasNextPage: boolean, hasPreviousPage: boolean) {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
}

/** A Relay connection of a keyset page. */
export function connection(page: KeysetPage, after: string | null | undefined) {
  const edges = page.items.map((i) => ({ cursor: i.cursor, node: toParent(i.node) }));
  return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfo(edges, page.hasNextPage, Boolean(after)), countTotal: page.totalCount };
}
