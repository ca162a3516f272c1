import type { RelatedNode } from '../../loaders/keyed-loader.js';
import type { StoredNode } from '../../loaders/node-loader.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import type { GraphQLContext } from '../context.js';
import { nodeType } from '../node-type.js';
import type { NodeParent } from './base.js';

/** What every resolver module uses: nodes as parents, stored values as GraphQL values, the service context. */

/** A node as a resolver parent, with what its query said about the relation it was reached through. */
export type RelatedParent = NodeParent & { __rel?: Record<string, unknown> | null; __role?: string | null; __roles?: string[]; __member?: number | null };

export function toParent(n: StoredNode | RelatedNode): RelatedParent {
  const r = n as RelatedNode;
  return { ...n.props, urn: n.urn, labels: n.labels, __rel: r.rel ?? null, __role: r.role ?? null, __roles: r.roles, __member: r.member ?? null };
}

export const parents = (nodes: Array<StoredNode | RelatedNode>) => nodes.map(toParent);
export const text = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined).map(String) : []);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
export const json = (v: unknown): unknown => {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};
export const svc = (ctx: GraphQLContext) => serviceContext(ctx.helix, ctx.queryCtx);

export const nodeFields = {
  id: (p: NodeParent) => p.urn,
  type: (p: NodeParent) => nodeType(p.labels),
};

/** For types that say whether a file owns the node or only points at it. */
export const ownedFields = { ...nodeFields, isReference: (p: NodeParent) => p.reference === true };
