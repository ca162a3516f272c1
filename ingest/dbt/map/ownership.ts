import type { DbtOwnerInfo, DbtResource } from '../artifacts.js';
import { dbtUrn } from './capsule-types.js';
import type { MapContext } from './context.js';
import { ownerUrn } from '../../common/urns.js';

/**
 * Owners named by a resource: `meta.owner` / `meta.owners` (merged with config.meta by the reader) as a string,
 * a list of strings or `{email, name}` objects, and an exposure's `owner`.
 */
export function ownersOf(resource: DbtResource): DbtOwnerInfo[] {
  const owners: DbtOwnerInfo[] = [];
  for (const value of [resource.meta.owner, resource.meta.owners]) collectOwners(value, owners);
  if (resource.owner) owners.push(resource.owner);
  const seen = new Set<string>();
  return owners.filter((o) => {
    const key = ownerKey(o);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectOwners(value: unknown, out: DbtOwnerInfo[]): void {
  if (typeof value === 'string') {
    for (const part of value.split(/[,;]/)) {
      const owner = part.trim();
      if (owner !== '') out.push(owner.includes('@') ? { email: owner } : { name: owner });
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectOwners(item, out);
  } else if (value !== null && typeof value === 'object') {
    const { email, name } = value as Record<string, unknown>;
    const owner: DbtOwnerInfo = {};
    if (typeof email === 'string' && email.trim() !== '') owner.email = email.trim();
    if (typeof name === 'string' && name.trim() !== '') owner.name = name.trim();
    if (owner.email || owner.name) out.push(owner);
  }
}

function ownerKey(owner: DbtOwnerInfo): string | undefined {
  return (owner.email ?? owner.name)?.toLowerCase();
}

export function ownerLabel(owner: DbtOwnerInfo): string {
  return owner.email ?? owner.name ?? '';
}

/** Owner nodes are shared across projects (mode reference): `urn:owner:<lower-cased email, else name>`. */
export function addOwner(ctx: MapContext, owner: DbtOwnerInfo): string | undefined {
  const key = ownerKey(owner);
  if (!key) return undefined;
  const urn = ownerUrn(key);
  ctx.g.addNode({ urn, labels: ['Owner'], mode: 'reference', props: { name: owner.name ?? owner.email, email: owner.email } });
  return urn;
}

export function mapOwners(ctx: MapContext, capsuleUrn: string, resource: DbtResource): void {
  for (const owner of ownersOf(resource)) {
    const urn = addOwner(ctx, owner);
    if (urn) ctx.g.addEdge('OWNED_BY', capsuleUrn, urn);
  }
}

/** Group nodes of the manifest (v9+), each OWNED_BY its owner. */
export function mapGroups(ctx: MapContext): void {
  for (const group of ctx.manifest.groups.values()) {
    const urn = dbtUrn(ctx.namespace, group.uniqueId);
    ctx.g.addNode({
      urn,
      labels: ['Group'],
      props: {
        name: group.name,
        uniqueId: group.uniqueId,
        namespace: ctx.namespace,
        packageName: group.packageName,
        filePath: group.filePath,
        ownerName: group.owner?.name,
        ownerEmail: group.owner?.email,
      },
    });
    ctx.g.count('groups');
    const owner = group.owner ? addOwner(ctx, group.owner) : undefined;
    if (owner) ctx.g.addEdge('OWNED_BY', urn, owner);
  }
}

/** A capsule's `group` is a group name; a package's own group wins over a same-named group elsewhere. */
export function mapGroupMembership(ctx: MapContext, capsuleUrn: string, resource: DbtResource): void {
  if (!resource.group) return;
  const candidates = [...ctx.manifest.groups.values()].filter((g) => g.name === resource.group);
  const group = candidates.find((g) => g.packageName === resource.packageName) ?? candidates[0];
  if (!group) {
    ctx.g.issue({
      severity: 'warning',
      code: 'DBT_UNKNOWN_GROUP',
      message: `${resource.uniqueId} is in group '${resource.group}', which the manifest does not define`,
      file: ctx.artifacts.manifestPath,
      subject: capsuleUrn,
    });
    return;
  }
  ctx.g.addEdge('IN_GROUP', capsuleUrn, dbtUrn(ctx.namespace, group.uniqueId));
}
