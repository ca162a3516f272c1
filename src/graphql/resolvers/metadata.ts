import { HelixError } from '../../errors.js';
import type { StoredNode } from '../../loaders/node-loader.js';
import { pageSize } from '../../services/lineage/limits.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import {
  addTag,
  changeDataProductMembers,
  createDataProduct,
  removeTag,
  setDomain,
  setOwner,
  updateDataProduct,
  type DataProductInput,
} from '../../services/metadata/mutations.js';
import type { GraphQLContext } from '../context.js';
import { nodeType } from '../node-type.js';
import { toNodeParent, type NodeParent } from './base.js';

const svc = (ctx: GraphQLContext) => serviceContext(ctx.helix, ctx.queryCtx);
const parents = (nodes: StoredNode[]) => nodes.map(toNodeParent);
type Paged = { first?: number | null };

/** Capsules (or data products) of a metadata node, through one of the paged member loaders. */
function members(pick: (ctx: GraphQLContext) => { load(k: { urn: string; first: number }): Promise<StoredNode[]> }) {
  return (p: NodeParent, args: Paged, ctx: GraphQLContext) => pick(ctx).load({ urn: p.urn, first: pageSize(args.first, 100) }).then(parents);
}

/** After a mutation, the changed node is read afresh (nothing this request loaded before is trusted). */
async function reload(ctx: GraphQLContext, urn: string): Promise<NodeParent> {
  ctx.loaders.node.clearAll();
  for (const loader of Object.values(ctx.loaders.meta)) loader.clearAll();
  ctx.loaders.neighbors.clearAll();
  const n = await ctx.loaders.node.load(urn);
  if (!n) throw new HelixError('NOT_FOUND', `${urn} disappeared while it was being changed`);
  return toNodeParent(n);
}

const nodeFields = {
  id: (p: NodeParent) => p.urn,
  type: (p: NodeParent) => nodeType(p.labels),
  name: (p: NodeParent) => (p.name === undefined || p.name === null ? p.urn.replace(/^urn:[a-z]+:/, '') : String(p.name)),
};

export const metadataResolvers = {
  Owner: { ...nodeFields, capsules: members((ctx) => ctx.loaders.meta.ownerCapsules) },
  Tag: { ...nodeFields, capsules: members((ctx) => ctx.loaders.meta.tagCapsules) },
  Domain: {
    ...nodeFields,
    capsules: members((ctx) => ctx.loaders.meta.domainCapsules),
    dataProducts: members((ctx) => ctx.loaders.meta.domainDataProducts),
  },
  DataProduct: {
    ...nodeFields,
    domain: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.domains.load(p.urn).then((d) => parents(d)[0] ?? null),
    owners: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.owners.load(p.urn).then(parents),
    capsules: members((ctx) => ctx.loaders.meta.dataProductCapsules),
  },
  Mutation: {
    addTag: async (_: unknown, a: { urn: string; tag: string }, ctx: GraphQLContext) => reload(ctx, await addTag(svc(ctx), a.urn, a.tag)),
    removeTag: async (_: unknown, a: { urn: string; tag: string }, ctx: GraphQLContext) => reload(ctx, await removeTag(svc(ctx), a.urn, a.tag)),
    setOwner: async (_: unknown, a: { urn: string; owner?: string | null }, ctx: GraphQLContext) =>
      reload(ctx, await setOwner(svc(ctx), a.urn, a.owner ?? null)),
    setDomain: async (_: unknown, a: { urn: string; domain?: string | null }, ctx: GraphQLContext) =>
      reload(ctx, await setDomain(svc(ctx), a.urn, a.domain ?? null)),
    createDataProduct: async (_: unknown, a: { input: DataProductInput }, ctx: GraphQLContext) =>
      reload(ctx, await createDataProduct(svc(ctx), a.input)),
    updateDataProduct: async (_: unknown, a: { urn: string; input: Partial<DataProductInput> }, ctx: GraphQLContext) =>
      reload(ctx, await updateDataProduct(svc(ctx), a.urn, a.input)),
    addToDataProduct: async (_: unknown, a: { urn: string; capsules: string[] }, ctx: GraphQLContext) =>
      reload(ctx, await changeDataProductMembers(svc(ctx), a.urn, a.capsules, 'add')),
    removeFromDataProduct: async (_: unknown, a: { urn: string; capsules: string[] }, ctx: GraphQLContext) =>
      reload(ctx, await changeDataProductMembers(svc(ctx), a.urn, a.capsules, 'remove')),
  },
};
