import { physicalName, splitRelationName } from '../common/physical-name.js';
import type { Props } from '../core/graph.js';
import type { GraphBuilder } from '../common/graph-builder.js';
import { asArray, asString, isObject, jsonProp, type JsonObject } from '../common/values.js';
import { columnUrn, olDatasetUrn } from '../common/urns.js';

export { columnUrn, olDatasetUrn };

/** Returns the urn of an existing capsule for the same physical table, or undefined. */
export type ResolveDataset = (namespace: string, name: string, physicalName: string | undefined) => string | undefined;

// Namespaces whose dataset names are paths or topics, not `db.schema.table` relations.
const NON_RELATION_SCHEMES = new Set([
  'file', 's3', 's3a', 's3n', 'gs', 'gcs', 'hdfs', 'abfs', 'abfss', 'wasb', 'wasbs', 'dbfs', 'kafka', 'http', 'https',
  'ftp', 'sftp', 'azureblob', 'oss', 'cos',
]);

/**
 * `db.schema.table` identity of a warehouse dataset, lower-cased; undefined for files, buckets and topics —
 * unless the name is known to be a table (a TABLE symlink such as Spark's `default.tbl` of a warehouse path).
 */
export function datasetPhysicalName(namespace: string, name: string, isTable = false): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(namespace)?.[1]?.toLowerCase() ?? namespace.toLowerCase();
  if ((!isTable && NON_RELATION_SCHEMES.has(scheme)) || name.includes('/')) return undefined;
  return physicalName(splitRelationName(name));
}

interface Resolution {
  urn: string;
  /** The urn is an existing capsule: reference it, never describe it. */
  resolved: boolean;
  physicalName: string | undefined;
}

/**
 * Turns OpenLineage datasets into Dataset/Column nodes, or into references to the capsule `resolveDataset` names,
 * so a table described by dbt and by OpenLineage is one node.
 */
export class DatasetMapper {
  private readonly cache = new Map<string, Resolution>();

  constructor(
    private readonly b: GraphBuilder,
    private readonly resolveDataset?: ResolveDataset,
  ) {}

  resolve(namespace: string, name: string, symlinks: Symlink[] = []): Resolution {
    const key = `${namespace}\u0000${name}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const candidates: Symlink[] = [{ namespace, name, isTable: false }, ...symlinks];
    let result: Resolution | undefined;
    for (const c of candidates) {
      const pn = datasetPhysicalName(c.namespace, c.name, c.isTable);
      const urn = this.resolveDataset?.(c.namespace, c.name, pn);
      if (urn) {
        result = { urn, resolved: true, physicalName: pn };
        break;
      }
    }
    result ??= {
      urn: olDatasetUrn(namespace, name),
      resolved: false,
      physicalName: candidates.map((c) => datasetPhysicalName(c.namespace, c.name, c.isTable)).find((p) => p !== undefined),
    };
    this.cache.set(key, result);
    return result;
  }

  /** A dataset described by the event (input, output or DatasetEvent subject). */
  describe(ds: JsonObject): string {
    const namespace = String(ds.namespace);
    const name = String(ds.name);
    const facets = isObject(ds.facets) ? ds.facets : {};
    const symlinks = symlinkIdentifiers(facets.symlinks);
    const res = this.resolve(namespace, name, symlinks);
    const identity: Props = { namespace, name, physicalName: res.physicalName };
    if (res.resolved) {
      this.b.reference(res.urn, ['Dataset'], identity);
      this.b.count('datasetsResolved');
      return res.urn;
    }
    // Schema and column lineage become Column nodes and edges; the other facets are kept as JSON.
    const otherFacets = Object.fromEntries(
      Object.entries(facets).filter(([key]) => key !== 'schema' && key !== 'columnLineage'),
    );
    this.b.node(res.urn, ['Dataset'], {
      ...identity,
      kind: 'openlineage',
      description: asString(isObject(facets.documentation) ? facets.documentation.description : undefined),
      dataSourceName: asString(isObject(facets.dataSource) ? facets.dataSource.name : undefined),
      dataSourceUri: asString(isObject(facets.dataSource) ? facets.dataSource.uri : undefined),
      datasetType: asString(isObject(facets.datasetType) ? facets.datasetType.datasetType : undefined),
      storageLayer: asString(isObject(facets.storage) ? facets.storage.storageLayer : undefined),
      fileFormat: asString(isObject(facets.storage) ? facets.storage.fileFormat : undefined),
      symlinks: symlinks.length > 0 ? symlinks.map((s) => `${s.namespace}:${s.name}`) : undefined,
      facetsJson: jsonProp(otherFacets),
    });
    if (isObject(facets.schema)) this.describeColumns(res.urn, asArray(facets.schema.fields), '');
    return res.urn;
  }

  /** A dataset only named (by column lineage): a reference, created bare if nothing describes it. */
  mention(namespace: string, name: string): string {
    const res = this.resolve(namespace, name);
    if (!this.b.has(res.urn)) {
      this.b.reference(res.urn, ['Dataset'], { namespace, name, physicalName: res.physicalName });
    }
    return res.urn;
  }

  isResolved(urn: string): boolean {
    for (const r of this.cache.values()) if (r.urn === urn) return r.resolved;
    return false;
  }

  /** The Column node for `field` of a dataset, linked by HAS_COLUMN; a reference when the dataset is a capsule. */
  column(datasetUrn: string, field: string): string {
    const urn = columnUrn(datasetUrn, field);
    if (!this.b.has(urn)) {
      // capsuleUrn: the owning table, as dbt columns carry it (indexed for "columns of a table").
      const props = { name: field, capsuleUrn: datasetUrn };
      if (this.isResolved(datasetUrn) || this.b.getNode(datasetUrn)?.mode === 'reference') {
        this.b.reference(urn, ['Column'], props);
      } else {
        this.b.node(urn, ['Column'], props);
      }
      this.b.edge('HAS_COLUMN', datasetUrn, urn);
    }
    return urn;
  }

  private describeColumns(datasetUrn: string, fields: unknown[], prefix: string): void {
    fields.forEach((field, i) => {
      if (!isObject(field) || typeof field.name !== 'string' || field.name === '') {
        this.b.issue({
          severity: 'warning',
          code: 'OL_SCHEMA_FIELD_INVALID',
          message: `schema field ${prefix}[${i}] has no name`,
          subject: datasetUrn,
        });
        return;
      }
      const name = `${prefix}${field.name}`;
      const urn = columnUrn(datasetUrn, name);
      this.b.node(urn, ['Column'], {
        name,
        capsuleUrn: datasetUrn,
        dataType: asString(field.type),
        description: asString(field.description),
        ordinal: prefix === '' ? i + 1 : undefined,
        parentColumn: prefix === '' ? undefined : prefix.slice(0, -1),
      });
      this.b.edge('HAS_COLUMN', datasetUrn, urn);
      if (Array.isArray(field.fields)) this.describeColumns(datasetUrn, field.fields, `${name}.`);
    });
  }
}

interface Symlink {
  namespace: string;
  name: string;
  isTable: boolean;
}

function symlinkIdentifiers(facet: unknown): Symlink[] {
  if (!isObject(facet)) return [];
  return asArray(facet.identifiers)
    .filter(isObject)
    .filter((s) => typeof s.namespace === 'string' && typeof s.name === 'string')
    .map((s) => ({ namespace: s.namespace as string, name: s.name as string, isTable: String(s.type).toUpperCase() === 'TABLE' }));
}
