import { listAlignments, type AlignmentFilter } from '../../services/bio/alignment-list.js';
import { sourceDate, selectAnnotations } from '../../services/bio/annotation-select.js';
import { listAnnotationSources } from '../../services/bio/annotation-sources.js';
import { findGeneBySymbol, geneLookup } from '../../services/bio/gene-lookup.js';
import { listGenes, type GeneListArgs } from '../../services/bio/gene-list.js';
import { optionalText } from '../../services/bio/keyset-cursor.js';
import { requireUrn } from '../../services/lineage/limits.js';
import type { GraphQLContext } from '../context.js';
import type { NodeParent } from './base.js';
import { connection } from '../pagination.js';
import { int, json, nodeFields, num, ownedFields, parents, strings, svc, text, toParent, type RelatedParent } from './fields.js';

const connectionTotal = { totalCount: (c: { countTotal: () => Promise<number> }) => c.countTotal() };

const withLabel = (label: string) => (p: RelatedParent) => p.labels.includes(label);
const isSequenceLike = (p: RelatedParent) => p.labels.includes('Protein') || p.labels.includes('Sequence');

async function loadAs(ctx: GraphQLContext, urn: string, label: string): Promise<RelatedParent | null> {
  const n = await ctx.loaders.node.load(requireUrn('id', urn));
  return n && n.labels.includes(label) ? toParent(n) : null;
}

/** Annotation fields that are bookkeeping, not what the source said. */
const NOT_FIELDS = new Set(['urn', 'labels', 'dataJson', 'contentHash', 'ingestScope', 'firstSeenAt', 'updatedAt', 'reference', 'sourceUpdatedAt', 'ingestedAt', 'source', 'sourceItem', 'version', 'geneUrn']);

const sequenceFields = {
  ...ownedFields,
  alignments: async (p: NodeParent, args: { role?: 'QUERY' | 'REFERENCE' | null }, ctx: GraphQLContext) => {
    const found = parents(await ctx.loaders.bio.alignmentsOfSequence.load(p.urn));
    return args.role ? found.filter((a) => (a.__roles ?? []).includes(args.role!)) : found;
  },
  mutations: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.mutationsOfSequence.load(p.urn).then(parents),
};

export const bioResolvers = {
  Query: {
    gene: async (_: unknown, args: { id?: string | null; symbol?: string | null }, ctx: GraphQLContext) => {
      const lookup = geneLookup(args);
      if ('urn' in lookup) return loadAs(ctx, lookup.urn, 'Gene');
      const found = await findGeneBySymbol(svc(ctx), lookup.symbol);
      return found ? toParent(found) : null;
    },
    genes: async (_: unknown, args: GeneListArgs, ctx: GraphQLContext) => connection(await listGenes(svc(ctx), args), args.after),
    protein: (_: unknown, args: { accession: string }, ctx: GraphQLContext) => {
      const accession = optionalText('accession', args.accession, 100);
      return accession ? loadAs(ctx, accession.toUpperCase(), 'Protein') : null;
    },
    alignment: (_: unknown, args: { id: string }, ctx: GraphQLContext) => loadAs(ctx, args.id, 'Alignment'),
    alignments: async (_: unknown, args: { filter?: AlignmentFilter | null; first?: number | null; after?: string | null }, ctx: GraphQLContext) =>
      connection(await listAlignments(svc(ctx), args), args.after),
    annotationSources: async (_: unknown, args: { name?: string | null }, ctx: GraphQLContext) =>
      (await listAnnotationSources(svc(ctx), args)).map((c) => ({ ...toParent(c.node), geneCount: c.genes, annotationCount: c.annotations })),
  },
  GeneConnection: connectionTotal,
  AlignmentConnection: connectionTotal,
  Gene: {
    ...ownedFields,
    hgncId: (p: NodeParent) => text(p.hgncId) ?? (p.urn.startsWith('HGNC:') ? p.urn : null),
    aliasSymbols: (p: NodeParent) => strings(p.aliasSymbols),
    aliasNames: (p: NodeParent) => strings(p.aliasNames),
    previousSymbols: (p: NodeParent) => strings(p.prevSymbols),
    previousNames: (p: NodeParent) => strings(p.prevNames),
    entrezId: (p: NodeParent) => text(p.entrezId),
    uniprotIds: (p: NodeParent) => strings(p.uniprotIds),
    omimIds: (p: NodeParent) => strings(p.omimIds),
    maneSelect: (p: NodeParent) => strings(p.maneSelect),
    refseqAccessions: (p: NodeParent) => strings(p.refseqAccessions),
    geneGroups: (p: NodeParent) => strings(p.geneGroups),
    proteins: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.proteinsOfGene.load(p.urn).then(parents),
    mergedInto: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.mergeTargets.load(p.urn).then(parents),
    annotations: async (p: NodeParent, args: { source?: string | null; version?: string | null; allVersions?: boolean | null }, ctx: GraphQLContext) => {
      const source = optionalText('source', args.source, 200)?.toLowerCase() ?? null;
      const version = optionalText('version', args.version, 200);
      const rows = await ctx.loaders.bio.annotationsOfGene.load({ urn: p.urn, args: { source, version } });
      return selectAnnotations(rows, Boolean(args.allVersions)).map(toParent);
    },
    annotationHistory: async (p: NodeParent, args: { source: string }, ctx: GraphQLContext) => {
      const source = optionalText('source', args.source, 200)?.toLowerCase() ?? null;
      const rows = await ctx.loaders.bio.annotationsOfGene.load({ urn: p.urn, args: { source, version: null } });
      return selectAnnotations(rows, true).map(toParent);
    },
  },
  Protein: {
    ...sequenceFields,
    accession: (p: NodeParent) => text(p.accession) ?? p.urn,
    geneNames: (p: NodeParent) => strings(p.geneNames),
    taxonId: (p: NodeParent) => int(p.taxonId) ?? (typeof p.taxonId === 'string' ? int(Number(p.taxonId)) : null),
    sequenceSha256: (p: NodeParent) => text(p.sha256),
    keywords: (p: NodeParent) => strings(p.keywords),
    secondaryAccessions: (p: NodeParent) => strings(p.secondaryAccessions),
    isCanonical: (p: NodeParent) => !/-\d+$/.test(p.urn),
    canonical: async (p: NodeParent, _: unknown, ctx: GraphQLContext) => {
      if (!/-\d+$/.test(p.urn)) return p;
      return parents(await ctx.loaders.bio.canonicals.load(p.urn))[0] ?? null;
    },
    isoforms: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.isoforms.load(p.urn).then(parents),
    genes: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.genesOfProtein.load(p.urn).then(parents),
    gene: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.genesOfProtein.load(p.urn).then((g) => parents(g)[0] ?? null),
  },
  Sequence: {
    ...sequenceFields,
    accession: (p: NodeParent) => text(p.accession) ?? p.urn,
    taxonId: (p: NodeParent) => int(p.taxonId) ?? (typeof p.taxonId === 'string' ? int(Number(p.taxonId)) : null),
  },
  AlignedSequence: {
    __resolveType: (p: NodeParent) => (p.labels.includes('Protein') ? 'Protein' : 'Sequence'),
  },
  Alignment: {
    ...nodeFields,
    header: (p: NodeParent) => json(p.headerJson),
    query: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.sequencesOfAlignment.load(p.urn).then((s) => parents(s).find((x) => x.__role === 'QUERY' && x.__member === null && isSequenceLike(x)) ?? null),
    reference: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.sequencesOfAlignment.load(p.urn).then((s) => parents(s).find((x) => x.__role === 'REFERENCE' && isSequenceLike(x)) ?? null),
    members: async (p: NodeParent, _: unknown, ctx: GraphQLContext) => {
      const all = parents(await ctx.loaders.bio.sequencesOfAlignment.load(p.urn)).filter(isSequenceLike);
      const rank = (x: RelatedParent) => (x.__role === 'QUERY' && x.__member === null ? 0 : x.__role === 'REFERENCE' ? 1 : 2 + (x.__member ?? 0));
      return all.sort((a, b) => rank(a) - rank(b));
    },
    mutations: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.mutationsOfAlignment.load(p.urn).then(parents),
  },
  ProteinMutation: {
    ...nodeFields,
    position: (p: NodeParent) => int(p.position),
    protein: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.sequencesOfMutation.load(p.urn).then((s) => parents(s).find(withLabel('Protein')) ?? null),
    sequence: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.sequencesOfMutation.load(p.urn).then((s) => parents(s).find(isSequenceLike) ?? null),
    alignments: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.bio.alignmentsOfMutation.load(p.urn).then(parents),
  },
  Annotation: {
    ...nodeFields,
    source: (p: NodeParent) => text(p.source) ?? '',
    version: (p: NodeParent) => text(p.version) ?? 'unknown',
    updatedAt: (p: NodeParent) => sourceDate(p),
    ingestedAt: (p: NodeParent) => text(p.ingestedAt) ?? (typeof p.sourceUpdatedAt === 'string' ? null : text(p.updatedAt)),
    data: (p: NodeParent) => json(p.dataJson),
    fields: (p: NodeParent) => Object.fromEntries(Object.entries(p).filter(([k]) => !NOT_FIELDS.has(k) && !k.startsWith('__'))),
    loeuf: (p: NodeParent) => num(p.loeuf) ?? num(p.oeLofUpper),
    phenotypeIds: (p: NodeParent) => strings(p.phenotypeIds),
    diseaseIds: (p: NodeParent) => strings(p.diseaseIds),
    evidenceCount: (p: NodeParent) => int(p.evidenceCount),
    gene: (p: NodeParent, _: unknown, ctx: GraphQLContext) => (typeof p.geneUrn === 'string' ? loadAs(ctx, p.geneUrn, 'Gene') : null),
    annotationSource: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.relatedOfAnnotation.load(p.urn).then((r) => parents(r).find((x) => x.__role === 'FROM_SOURCE') ?? null),
    publications: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.relatedOfAnnotation.load(p.urn).then((r) => parents(r).filter((x) => x.__role === 'CITES')),
    panels: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.bio.relatedOfAnnotation.load(p.urn).then((r) => parents(r).filter((x) => x.__role === 'FROM_PANEL')),
  },
  AnnotationSource: {
    ...nodeFields,
    name: (p: NodeParent) => text(p.name) ?? '',
    version: (p: NodeParent) => text(p.version) ?? 'unknown',
    geneCount: async (p: NodeParent, _: unknown, ctx: GraphQLContext) => int(p.geneCount) ?? (await ctx.loaders.bio.coverage.load(p.urn)).genes,
    annotationCount: async (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      int(p.annotationCount) ?? (await ctx.loaders.bio.coverage.load(p.urn)).annotations,
  },
  Publication: { ...nodeFields, pmid: (p: NodeParent) => text(p.pmid) ?? p.urn.replace(/^PMID:/, ''), authors: (p: NodeParent) => strings(p.authors) },
  Panel: { ...nodeFields },
};
