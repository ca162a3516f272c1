import { requireQueries } from '../../db/registry.js';
import type { StoredNode } from '../../loaders/node-loader.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { liveProps } from './content.js';

const Q = requireQueries(['history/get-nodes-at', 'history/list-edges-at'] as const);

export interface EdgeAt {
  from: string;
  type: string;
  to: string;
  transformation: string | null;
}

/** Nodes as they were at `at` (absent: the node did not exist then). */
export async function nodesAt(s: ServiceContext, urns: string[], at: string): Promise<Map<string, StoredNode>> {
  const out = new Map<string, StoredNode>();
  if (urns.length === 0) return out;
  for (const r of await s.exec.read(Q['history/get-nodes-at'], { urns, at }, s.query)) {
    out.set(String(r.urn), { urn: String(r.urn), labels: r.labels as string[], props: liveProps(r.props as Record<string, unknown>) });
  }
  return out;
}

/** Relationships of `types` touching `urns` as they were at `at`. */
export async function edgesAt(s: ServiceContext, urns: string[], types: string[], at: string): Promise<EdgeAt[]> {
  if (urns.length === 0) return [];
  const rows = await s.exec.read(Q['history/list-edges-at'], { urns, types, at }, s.query);
  return rows.map((r) => ({
    from: String(r.from),
    type: String(r.type),
    to: String(r.to),
    transformation: r.transformation === null || r.transformation === undefined ? null : String(r.transformation),
  }));
}
