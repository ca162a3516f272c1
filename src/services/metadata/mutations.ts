import { rebuildReadModels } from '../../db/read-model-rebuild.js';
import { requireQueries } from '../../db/registry.js';
import { badInput, HelixError } from '../../errors.js';
import { graphVersionReader } from '../lineage/graph-version.js';
import { requireUrn } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { cleanName, dataProductUrn, domainUrn, ownerUrn, tagUrn } from './metadata-urns.js';

const Q = requireQueries([
  'metadata/add-tag',
  'metadata/remove-tag',
  'metadata/set-owner',
  'metadata/set-domain',
  'metadata/create-data-product',
  'metadata/update-data-product',
  'metadata/add-data-product-members',
  'metadata/remove-data-product-members',
  'meta/bump-graph-version',
  'graph/get-nodes-by-urn',
] as const);

type Step = { name: string; params?: Record<string, unknown> };

/**
 * Metadata mutations. Each is one write transaction that ends by bumping the graph version, so every cached
 * lineage/impact/path answer computed before it is never served again. Returns the urn of the changed node.
 */
async function mutate(s: ServiceContext, steps: Step[], notFound: string): Promise<string> {
  const [first] = await s.exec.writeTx([...steps, { name: Q['meta/bump-graph-version'] }], s.query);
  graphVersionReader(s.exec).invalidate();
  await rebuildReadModels(s.exec, s.query);
  const urn = first?.[0]?.urn;
  if (typeof urn !== 'string') throw new HelixError('NOT_FOUND', notFound);
  return urn;
}

export function addTag(s: ServiceContext, urn: string, tag: string): Promise<string> {
  const name = cleanName('tag', tag);
  const params = { urn: requireUrn('urn', urn), tag: name, tagUrn: tagUrn(name) };
  return mutate(s, [{ name: Q['metadata/add-tag'], params }], `no capsule or column with urn ${urn}`);
}

export function removeTag(s: ServiceContext, urn: string, tag: string): Promise<string> {
  const name = cleanName('tag', tag);
  const params = { urn: requireUrn('urn', urn), tagUrn: tagUrn(name) };
  return mutate(s, [{ name: Q['metadata/remove-tag'], params }], `no capsule or column with urn ${urn}`);
}

export function setOwner(s: ServiceContext, urn: string, owner: string | null): Promise<string> {
  return mutate(s, [ownerStep(requireUrn('urn', urn), owner)], `no capsule or data product with urn ${urn}`);
}

export function setDomain(s: ServiceContext, urn: string, domain: string | null): Promise<string> {
  return mutate(s, [domainStep(requireUrn('urn', urn), domain)], `no capsule or data product with urn ${urn}`);
}

export interface DataProductInput {
  name: string;
  description?: string | null;
  domain?: string | null;
  owner?: string | null;
}

export async function createDataProduct(s: ServiceContext, input: DataProductInput): Promise<string> {
  const name = cleanName('name', input.name);
  const urn = dataProductUrn(name);
  if ((await existing(s, [urn])).has(urn)) {
    throw new HelixError('CONFLICT', `a node with urn ${urn} already exists (data product names are unique, case-insensitively)`, { urn });
  }
  // A plain CREATE: should another request create it first, the uniqueness constraint rolls this one back whole.
  const steps: Step[] = [{ name: Q['metadata/create-data-product'], params: { urn, name, description: input.description ?? null } }];
  if (input.domain) steps.push(domainStep(urn, input.domain));
  if (input.owner) steps.push(ownerStep(urn, input.owner));
  return mutate(s, steps, `data product ${urn} could not be created`);
}

/** Fields absent from `patch` stay as they are; a null domain, owner or description clears it. */
export async function updateDataProduct(s: ServiceContext, urn: string, patch: Partial<DataProductInput>): Promise<string> {
  await requireDataProduct(s, urn);
  const name = patch.name === undefined || patch.name === null ? null : cleanName('name', patch.name);
  const steps: Step[] = [
    {
      name: Q['metadata/update-data-product'],
      params: { urn, name, description: patch.description ?? null, clearDescription: 'description' in patch && patch.description === null },
    },
  ];
  if ('domain' in patch) steps.push(domainStep(urn, patch.domain ?? null));
  if ('owner' in patch) steps.push(ownerStep(urn, patch.owner ?? null));
  return mutate(s, steps, `no data product with urn ${urn}`);
}

export async function changeDataProductMembers(s: ServiceContext, urn: string, capsules: string[], op: 'add' | 'remove'): Promise<string> {
  await requireDataProduct(s, urn);
  const wanted = [...new Set(capsules.map((c) => requireUrn('capsules', c)))];
  if (wanted.length === 0 || wanted.length > 500) throw badInput('capsules must list 1 to 500 capsule urns', { argument: 'capsules' });
  const found = await existing(s, wanted);
  const bad = wanted.filter((c) => !found.get(c)?.includes('Capsule'));
  if (bad.length > 0) throw badInput(`not capsules: ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ', ...' : ''}`, { argument: 'capsules' });
  const query = op === 'add' ? Q['metadata/add-data-product-members'] : Q['metadata/remove-data-product-members'];
  return mutate(s, [{ name: query, params: { urn, capsules: wanted } }], `no data product with urn ${urn}`);
}

function ownerStep(urn: string, owner: string | null): Step {
  const name = owner === null ? null : cleanName('owner', owner);
  return {
    name: Q['metadata/set-owner'],
    params: { urn, ownerUrn: name && ownerUrn(name), ownerName: name, ownerEmail: name?.includes('@') ? name : null },
  };
}

function domainStep(urn: string, domain: string | null): Step {
  const name = domain === null ? null : cleanName('domain', domain);
  return { name: Q['metadata/set-domain'], params: { urn, domainUrn: name && domainUrn(name), domainName: name } };
}

async function existing(s: ServiceContext, urns: string[]): Promise<Map<string, string[]>> {
  const rows = await s.exec.read(Q['graph/get-nodes-by-urn'], { urns }, s.query);
  return new Map(rows.map((r) => [String(r.urn), r.labels as string[]]));
}

async function requireDataProduct(s: ServiceContext, urn: string): Promise<void> {
  const labels = (await existing(s, [requireUrn('urn', urn)])).get(urn);
  if (!labels?.includes('DataProduct')) throw new HelixError('NOT_FOUND', `no data product with urn ${urn}`, { urn });
}
