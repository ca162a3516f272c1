import type { DbtResource } from '../artifacts.js';
import type { MapContext } from './context.js';
import { LAYER_FOLDERS } from './layer.js';
import { dataProductUrn, domainUrn, tagUrn } from '../../common/urns.js';

/** Tags are shared across projects: `urn:tag:<tag>` (mode reference). */
export function mapTags(ctx: MapContext, fromUrn: string, tags: readonly string[]): void {
  for (const tag of tags) {
    const urn = tagUrn(tag);
    ctx.g.addNode({ urn, labels: ['Tag'], mode: 'reference', props: { name: tag } });
    ctx.g.addEdge('TAGGED_WITH', fromUrn, urn);
  }
}

export function mapDomainAndProduct(ctx: MapContext, capsuleUrn: string, resource: DbtResource): void {
  const domain = domainOf(resource, ctx.options.domainFrom ?? 'meta');
  if (domain) {
    const urn = domainUrn(domain);
    ctx.g.addNode({ urn, labels: ['Domain'], mode: 'reference', props: { name: domain } });
    ctx.g.addEdge('IN_DOMAIN', capsuleUrn, urn);
  }
  const product = metaText(resource.meta.data_product) ?? metaText(resource.meta.dataProduct);
  if (product) {
    const urn = dataProductUrn(product);
    ctx.g.addNode({ urn, labels: ['DataProduct'], mode: 'reference', props: { name: product } });
    ctx.g.addEdge('PART_OF', capsuleUrn, urn);
  }
}

function domainOf(resource: DbtResource, from: 'meta' | 'folder' | 'meta-then-folder'): string | undefined {
  const fromMeta = metaText(resource.meta.domain);
  if (from === 'meta') return fromMeta;
  if (from === 'meta-then-folder' && fromMeta) return fromMeta;
  return domainFolder(resource.filePath);
}

/**
 * Folder convention `models/<domain>/...`: the first directory below the resource root (models/, seeds/,
 * snapshots/, ...) that is not a layer folder (staging, marts, ...): models/marts/finance/x.sql -> finance.
 */
export function domainFolder(filePath: string | undefined): string | undefined {
  const dirs = (filePath ?? '').split('/').slice(1, -1);
  return dirs.find((dir) => dir !== '' && !LAYER_FOLDERS.has(dir.toLowerCase()));
}

function metaText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
