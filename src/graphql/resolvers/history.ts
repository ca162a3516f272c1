import { lineageDiff, type LineageDiff, type LineageDiffArgs } from '../../services/history/diff.js';
import { columnsAt, nodeHistory, type NodeVersion } from '../../services/history/node-history.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import type { GraphQLContext } from '../context.js';
import type { NodeParent } from './base.js';

const svc = (ctx: GraphQLContext) => serviceContext(ctx.helix, ctx.queryCtx);
const text = (v: unknown) => (v === undefined || v === null ? null : String(v));

/** Lineage over time: lineageDiff and Capsule.history (lineage(asOf) and capsule(asOf) live with their queries). */
export const historyResolvers = {
  Query: {
    lineageDiff: (_: unknown, args: LineageDiffArgs, ctx: GraphQLContext) => lineageDiff(svc(ctx), args),
  },
  LineageDiff: {
    fromIngestion: (d: LineageDiff) => d.from.ingestion,
    fromAt: (d: LineageDiff) => d.from.at,
    toIngestion: (d: LineageDiff) => d.to.ingestion,
    toAt: (d: LineageDiff) => d.to.at,
  },
  CapsuleVersion: {
    name: (v: NodeVersion) => text(v.node.props.name),
    description: (v: NodeVersion) => text(v.node.props.description),
    owner: (v: NodeVersion) => text(v.node.props.owner),
    tagNames: (v: NodeVersion) => (Array.isArray(v.node.props.tags) ? v.node.props.tags.map(String) : []),
    materialization: (v: NodeVersion) => text(v.node.props.materialization),
    compiledCodeHash: (v: NodeVersion) => text(v.node.props.compiledCodeHash),
    columns: async (v: NodeVersion, _: unknown, ctx: GraphQLContext) => {
      const at = v.madeAt ?? v.validFrom;
      if (!v.current && at === null) return [];
      const columns = v.current ? await ctx.loaders.meta.columns.load(v.node.urn) : await columnsAt(svc(ctx), v.node.urn, at!);
      return columns.map((c) => text(c.props.name) ?? c.urn.split('#').pop()!);
    },
  },
};

/** Capsule.history (every capsule type). */
export const capsuleHistoryField = (p: NodeParent, _: unknown, ctx: GraphQLContext) => nodeHistory(svc(ctx), p.urn);
