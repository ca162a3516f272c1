import { gql } from './api.js';

/**
 * Badges are data: each kind names the GraphQL selection it needs on a node and how to count from it (failing tests,
 * open violations, PII; docs/explorer.md, "Adding a badge"). Each kind is fetched in its own query, so a kind whose
 * fields a server lacks fails alone.
 */
export interface BadgeKind {
  id: string;
  /** Text beside the node's name; also read out in the node list. */
  label: (count: number) => string;
  /** Border colour of a node carrying the badge. */
  colour: string;
  /** Selection on `Node` (inline fragments), for one node. */
  selection: string;
  count: (node: Record<string, unknown>) => number;
  /** Node types worth asking about (no request is spent on the others). */
  appliesTo: (type: string) => boolean;
}

interface TestLike {
  results?: Array<{ status?: string | null }>;
}
const FAILING = new Set(['fail', 'error']);
const failing = (tests: unknown): number =>
  Array.isArray(tests) ? (tests as TestLike[]).filter((t) => FAILING.has(t.results?.[0]?.status ?? '')).length : 0;
const LAST = 'tests { results(first: 1) { status } }';
const DBT_TYPES = new Set(['Model', 'Source', 'Seed', 'Snapshot', 'Exposure', 'Metric', 'SemanticModel', 'SavedQuery', 'Analysis', 'Column']);

export const BADGE_KINDS: BadgeKind[] = [
  {
    id: 'failing-tests',
    label: (n) => `${n} failing test${n === 1 ? '' : 's'}`,
    colour: '#b91c1c',
    selection: `... on Capsule { ${LAST} columns { ${LAST} } } ... on Column { ${LAST} }`,
    count: (node) =>
      failing(node.tests) +
      (Array.isArray(node.columns) ? (node.columns as Array<{ tests?: unknown }>).reduce((sum, c) => sum + failing(c.tests), 0) : 0),
    appliesTo: (type) => DBT_TYPES.has(type),
  },
  {
    // Open and acknowledged conformance violations of the capsule and its columns (schema/conformance.graphql).
    id: 'violations',
    label: (n) => `${n} open violation${n === 1 ? '' : 's'}`,
    colour: '#92400e',
    selection: '... on Capsule { violations { id } }',
    count: (node) => (Array.isArray(node.violations) ? node.violations.length : 0),
    appliesTo: (type) => DBT_TYPES.has(type) && type !== 'Column',
  },
  {
    // Personal data (schema/pii.graphql): a column's findings, or a capsule's columns that hold any.
    id: 'pii',
    label: (n) => `PII in ${n} column${n === 1 ? '' : 's'}`,
    colour: '#6d28d9',
    selection: '... on Capsule { columns { pii { category } } } ... on Column { pii { category } }',
    count: (node) => {
      if (Array.isArray(node.pii)) return node.pii.length > 0 ? 1 : 0;
      const columns = Array.isArray(node.columns) ? (node.columns as Array<{ pii?: unknown[] }>) : [];
      return columns.filter((c) => Array.isArray(c.pii) && c.pii.length > 0).length;
    },
    appliesTo: (type) => DBT_TYPES.has(type),
  },
];

export type Badges = Map<string, Array<{ kind: BadgeKind; count: number }>>;

/** Badges of the given nodes, 100 nodes per request. */
export async function fetchBadges(nodes: Array<{ urn: string; type: string }>, kinds = BADGE_KINDS): Promise<Badges> {
  const badges: Badges = new Map();
  await Promise.all(
    kinds.flatMap((kind) =>
      chunksOf(nodes.filter((n) => kind.appliesTo(n.type)).map((n) => n.urn), 100).map(async (ids) => {
        try {
          const data = await gql<{ nodes: Array<Record<string, unknown> | null> }>(
            `query ExplorerBadges($ids: [ID!]!) { nodes(ids: $ids) { urn ${kind.selection} } }`,
            { ids },
          );
          for (const node of data.nodes) {
            if (!node) continue;
            const count = kind.count(node);
            if (count > 0) badges.set(String(node.urn), [...(badges.get(String(node.urn)) ?? []), { kind, count }]);
          }
        } catch (error) {
          console.warn(`badge ${kind.id} unavailable: ${(error as Error).message}`);
        }
      }),
    ),
  );
  return badges;
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
