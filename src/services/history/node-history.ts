import { requireQueries } from '../../db/registry.js';
import type { StoredNode } from '../../loaders/node-loader.js';
import { requireUrn } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { contentFields, liveProps } from './content.js';
import { edgesAt, nodesAt } from './graph-at.js';
import { resolveInstant } from './instants.js';

const Q = requireQueries(['history/list-node-versions'] as const);

/** One content version of a node: when it began and ended, and the ingestions that made and ended it. */
export interface NodeVersion {
  /** The ingestion that wrote this content (null when it was written before history was kept, or not by one). */
  ingestion: string | null;
  validFrom: string | null;
  /** null for the current version. */
  validTo: string | null;
  /** The ingestion that replaced or closed this version. */
  endedBy: string | null;
  /** `changed` (a later version followed), `closed` (the node disappeared), null for the current version. */
  ended: string | null;
  current: boolean;
  /** When the ingestion that made it ended (the instant its columns are read at); null for the current version. */
  madeAt: string | null;
  /** Fields that differ from the previous version (empty for the first). */
  changedFields: string[];
  node: StoredNode;
}

/** Capsule.history: every version of the node, oldest first, the current one last. */
export async function nodeHistory(s: ServiceContext, urn: string): Promise<NodeVersion[]> {
  const rows = await s.exec.read(Q['history/list-node-versions'], { urn: requireUrn('urn', urn) }, s.query);
  let previous: Record<string, unknown> | undefined;
  return rows.map((r) => {
    const props = liveProps(r.props as Record<string, unknown>);
    const fields = contentFields(props);
    const changedFields = previous
      ? [...new Set([...Object.keys(previous), ...Object.keys(fields)])].filter((k) => JSON.stringify(previous![k]) !== JSON.stringify(fields[k])).sort()
      : [];
    previous = fields;
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    return {
      ingestion: text(r.madeBy),
      validFrom: text(r.fromAt),
      madeAt: r.toAt === null || r.toAt === undefined ? null : text(r.madeAt ?? r.fromAt),
      validTo: text(r.toAt),
      endedBy: text(r.endedBy),
      ended: text(r.ended),
      current: r.toAt === null || r.toAt === undefined,
      changedFields,
      node: { urn, labels: r.labels as string[], props },
    };
  });
}

/** A capsule as it was: its own content, its columns, and the neighbours its nested fields list. */
export interface CapsuleAt {
  capsule: StoredNode;
  /** Warehouse order. */
  columns: StoredNode[];
  /** By name, then urn (as the current answers order them). */
  tags: StoredNode[];
  owners: StoredNode[];
  tests: StoredNode[];
  /** Depth-1 table lineage, by urn. */
  upstream: StoredNode[];
  downstream: StoredNode[];
}

/**
 * capsule(urn, asOf): the capsule, its columns, tags, owners, tests and depth-1 upstream/downstream as they were
 * (relationships current then, each neighbour's content then); undefined if it did not exist.
 */
export async function capsuleAsOf(s: ServiceContext, urn: string, asOf: string): Promise<CapsuleAt | undefined> {
  const { at } = await resolveInstant(s, asOf);
  const capsule = (await nodesAt(s, [requireUrn('urn', urn)], at)).get(urn);
  if (!capsule?.labels.includes('Capsule')) return undefined;
  const edges = await edgesAt(s, [urn], ['TAGGED_WITH', 'OWNED_BY', 'TESTS', 'FLOWS_TO'], at);
  const ends = (type: string, way: 'out' | 'in') =>
    [...new Set(edges.filter((e) => e.type === type && (way === 'out' ? e.from === urn : e.to === urn)).map((e) => (way === 'out' ? e.to : e.from)))].filter(
      (u) => u !== urn,
    );
  const wanted = { tags: ends('TAGGED_WITH', 'out'), owners: ends('OWNED_BY', 'out'), tests: ends('TESTS', 'in'), upstream: ends('FLOWS_TO', 'in'), downstream: ends('FLOWS_TO', 'out') };
  const nodes = await nodesAt(s, [...new Set(Object.values(wanted).flat())], at);
  const pick = (urns: string[]) => urns.map((u) => nodes.get(u)).filter((n): n is StoredNode => n !== undefined);
  const byName = (xs: StoredNode[]) => xs.sort((a, b) => cmp(String(a.props.name ?? ''), String(b.props.name ?? '')) || cmp(a.urn, b.urn));
  const byUrn = (xs: StoredNode[]) => xs.sort((a, b) => cmp(a.urn, b.urn));
  return {
    capsule,
    columns: await columnsAt(s, urn, at),
    tags: byName(pick(wanted.tags)),
    owners: byName(pick(wanted.owners)),
    tests: byName(pick(wanted.tests)),
    upstream: byUrn(pick(wanted.upstream)),
    downstream: byUrn(pick(wanted.downstream)),
  };
}

/** The columns a capsule had at `at`, in warehouse order. */
export async function columnsAt(s: ServiceContext, urn: string, at: string): Promise<StoredNode[]> {
  const columnUrns = (await edgesAt(s, [urn], ['HAS_COLUMN'], at)).filter((e) => e.from === urn).map((e) => e.to);
  const index = (n: StoredNode) => (typeof n.props.index === 'number' ? n.props.index : Number.MAX_SAFE_INTEGER);
  return [...(await nodesAt(s, columnUrns, at)).values()].sort(
    (a, b) => index(a) - index(b) || cmp(String(a.props.name ?? ''), String(b.props.name ?? '')) || cmp(a.urn, b.urn),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
