import { describe, expect, it } from 'vitest';
import type { IngestIssue } from '../../../../../ingest/core/graph.js';
import type { DbtManifest, DbtResource } from '../../../../../ingest/dbt/artifacts.js';
import { domainFolder } from '../../../../../ingest/dbt/map/classification.js';
import { layerOf } from '../../../../../ingest/dbt/map/layer.js';
import { resolveNamespace } from '../../../../../ingest/dbt/map/namespace.js';
import { ownersOf } from '../../../../../ingest/dbt/map/ownership.js';

function resource(partial: Partial<DbtResource>): DbtResource {
  return { uniqueId: 'model.p.x', resourceType: 'model', name: 'x', section: 'nodes', tags: [], meta: {}, dependsOn: [], refs: [], columns: [], constraints: [], external: false, ...partial };
}

function manifest(partial: Partial<DbtManifest>): DbtManifest {
  return { metadata: {}, resources: new Map(), groups: new Map(), disabled: new Map(), otherIds: new Set(), packages: new Set(), ...partial };
}

describe('layer', () => {
  it.each([
    ['stg_orders', 'models/x.sql', 'staging'],
    ['base_orders', 'models/x.sql', 'staging'],
    ['int_orders_pivoted', 'models/x.sql', 'intermediate'],
    ['fct_orders', 'models/x.sql', 'marts'],
    ['dim_customers', 'models/x.sql', 'marts'],
    ['silver__blocks', 'models/x.sql', 'silver'],
    ['orders', 'models/marts/core/orders.sql', 'marts'],
    ['blocks', 'models/gold/core/blocks.sql', 'gold'],
    ['customers', 'models/customers.sql', undefined],
  ])('%s in %s -> %s', (name, filePath, layer) => {
    expect(layerOf(resource({ name, filePath }))).toBe(layer);
  });

  it('is only given to models and snapshots', () => {
    expect(layerOf(resource({ name: 'stg_x', resourceType: 'source' }))).toBeUndefined();
    expect(layerOf(resource({ name: 'stg_x', resourceType: 'snapshot' }))).toBe('staging');
  });
});

describe('domain folder', () => {
  it('takes the first folder under the resource root that is not a layer folder', () => {
    expect(domainFolder('models/finance/orders.sql')).toBe('finance');
    expect(domainFolder('models/marts/finance/orders.sql')).toBe('finance');
    expect(domainFolder('models/staging/orders.sql')).toBeUndefined();
    expect(domainFolder('models/orders.sql')).toBeUndefined();
    expect(domainFolder(undefined)).toBeUndefined();
  });
});

describe('owners', () => {
  it('reads strings, comma lists, lists and {email, name} objects, without repeats', () => {
    const owners = ownersOf(resource({ meta: { owner: 'a@x.io, Team B', owners: [{ email: 'A@x.io' }, { name: 'Carol' }] }, owner: { email: 'ceo@x.io', name: 'CEO' } }));
    expect(owners).toEqual([{ email: 'a@x.io' }, { name: 'Team B' }, { name: 'Carol' }, { email: 'ceo@x.io', name: 'CEO' }]);
    expect(ownersOf(resource({ meta: { owner: 42 } }))).toEqual([]);
  });
});

describe('namespace', () => {
  const project = (name: string) => resource({ uniqueId: `model.${name}.m`, packageName: name });

  it('prefers the option, then metadata.project_name', () => {
    const issues: IngestIssue[] = [];
    expect(resolveNamespace(manifest({ metadata: { project_name: 'meta_name' } }), 'explicit', 'f', issues)).toBe('explicit');
    expect(resolveNamespace(manifest({ metadata: { project_name: 'meta_name' } }), undefined, 'f', issues)).toBe('meta_name');
    expect(issues).toEqual([]);
  });

  it('falls back to the package whose md5 is project_id, then to the first model with a warning', () => {
    const packages = new Set(['dbt_utils', 'jaffle_shop']);
    const resources = new Map([['model.dbt_utils.m', project('dbt_utils')]]);
    const issues: IngestIssue[] = [];
    expect(resolveNamespace(manifest({ metadata: { project_id: '06e5b98c2db46f8a72cc4f66410e9b3b' }, packages, resources }), undefined, 'f', issues)).toBe('jaffle_shop');
    expect(issues).toEqual([]);
    expect(resolveNamespace(manifest({ metadata: { project_id: 'ffff' }, packages, resources }), undefined, 'f', issues)).toBe('dbt_utils');
    expect(issues).toEqual([expect.objectContaining({ code: 'DBT_NAMESPACE_GUESSED', severity: 'warning' })]);
  });
});
