import { MAX_NESTING, tooDeep } from '../../common/nesting.js';
import type { z } from 'zod';
import type { IngestIssue } from '../../core/graph.js';
import type { DbtManifest, DbtResource, ResourceSection } from '../artifacts.js';
import type { SectionHandlers, SectionMode } from '../../common/json-sections.js';
import { exposureSchema } from '../schema/exposure.js';
import { groupSchema } from '../schema/group.js';
import { artifactMetadataSchema, parseSchemaVersion } from '../schema/metadata.js';
import { metricSchema } from '../schema/metric.js';
import { manifestNodeSchema } from '../schema/node.js';
import { savedQuerySchema, semanticModelSchema } from '../schema/semantic.js';
import { sourceSchema } from '../schema/source.js';
import { unitTestSchema } from '../schema/unit-test.js';
import { validateEntry } from '../schema/validate.js';
import { forwardSlashes, normaliseOwner, text } from './normalize-fields.js';
import {
  normaliseExposure,
  normaliseMetric,
  normaliseNode,
  normaliseSavedQuery,
  normaliseSemanticModel,
  normaliseSource,
  normaliseUnitTest,
} from './normalize-resource.js';

/** Only these sections are read; macros and functions contribute their keys, docs/maps/selectors are skipped. */
const MANIFEST_MODES: Record<string, SectionMode> = {
  metadata: 'value',
  nodes: 'entries',
  sources: 'entries',
  exposures: 'entries',
  metrics: 'entries',
  semantic_models: 'entries',
  saved_queries: 'entries',
  unit_tests: 'entries',
  groups: 'entries',
  disabled: 'entries',
  macros: 'keys',
  functions: 'keys',
};

interface SectionReader {
  schema: z.ZodType;
  normalise(input: never): DbtResource;
}

const READERS: Record<ResourceSection, SectionReader> = {
  nodes: { schema: manifestNodeSchema, normalise: normaliseNode },
  sources: { schema: sourceSchema, normalise: normaliseSource },
  exposures: { schema: exposureSchema, normalise: normaliseExposure },
  metrics: { schema: metricSchema, normalise: normaliseMetric },
  semantic_models: { schema: semanticModelSchema, normalise: normaliseSemanticModel },
  saved_queries: { schema: savedQuerySchema, normalise: normaliseSavedQuery },
  unit_tests: { schema: unitTestSchema, normalise: normaliseUnitTest },
};

/** Builds a DbtManifest from manifest sections handed over one entry at a time (streamed or in memory). */
export class ManifestCollector {
  readonly manifest: DbtManifest = {
    metadata: {},
    resources: new Map(),
    groups: new Map(),
    disabled: new Map(),
    otherIds: new Set(),
    packages: new Set(),
  };
  readonly issues: IngestIssue[] = [];
  /** `nodes` when it was not a collection (null, a number, ...): reported by the loader. */
  nodesValue: unknown = undefined;

  constructor(private readonly file: string) {}

  get handlers(): SectionHandlers {
    return {
      modes: MANIFEST_MODES,
      onValue: (section, value) => this.onValue(section, value),
      onEntry: (section, key, value) => this.onEntry(section, key, value),
      onKey: (section, key) => this.onKey(section, key),
      onSection: (section) => {
        if (section === 'nodes') this.sawNodes = true;
      },
    };
  }

  /** Whether the manifest has a `nodes` collection (empty is fine; missing or null is not a manifest). */
  sawNodes = false;

  private onValue(section: string, value: unknown): void {
    if (section === 'nodes') this.nodesValue = value;
    const deep = tooDeep(value);
    if (deep !== undefined) throw new Error(`${section} is nested deeper than ${MAX_NESTING} levels (at ${deep})`);
    if (section === 'metadata') {
      const parsed = validateEntry(artifactMetadataSchema, value, new Set());
      if (parsed.ok) {
        this.manifest.metadata = parsed.value;
        this.manifest.schemaVersion = parseSchemaVersion(parsed.value.dbt_schema_version)?.version;
      } else {
        this.issue('warning', 'DBT_INVALID_METADATA', `manifest metadata unreadable: ${parsed.reason}`);
      }
    }
  }

  private onKey(section: string, key: string): void {
    const packageName = key.split('.')[1];
    if (packageName) this.manifest.packages.add(packageName);
    if (section === 'functions') this.manifest.otherIds.add(key);
  }

  private onEntry(section: string, key: string, value: unknown): void {
    if (section === 'nodes') this.sawNodes = true;
    const deep = tooDeep(value);
    // Thrown, not skipped: the reader turns it into one clear error and nothing of the manifest is written.
    if (deep !== undefined) throw new Error(`${section}["${key}"] is nested deeper than ${MAX_NESTING} levels (at ${deep})`);
    if (section === 'groups') return this.readGroup(key, value);
    if (section === 'disabled') return this.readDisabled(value);
    const reader = READERS[section as ResourceSection];
    if (!reader) return;
    const parsed = validateEntry(reader.schema, value);
    if (!parsed.ok) {
      this.issue('error', 'DBT_INVALID_NODE', `${section} entry ${key} skipped: ${parsed.reason}`, key);
      return;
    }
    if (parsed.droppedFields.length > 0) {
      const fields = parsed.droppedFields.join(', ');
      this.issue('warning', 'DBT_INVALID_FIELD', `${key}: invalid field(s) ignored: ${fields}`, key);
    }
    const resource = reader.normalise(parsed.value as never);
    // A model injected from another project does not make that project an installed package.
    if (resource.packageName && !resource.external) this.manifest.packages.add(resource.packageName);
    const config = (value as { config?: { enabled?: unknown } }).config;
    if (config?.enabled === false) {
      this.addDisabled(value);
      return;
    }
    this.manifest.resources.set(resource.uniqueId, resource);
  }

  private readGroup(key: string, value: unknown): void {
    const parsed = validateEntry(groupSchema, value, new Set(['unique_id', 'name']));
    if (!parsed.ok) {
      this.issue('warning', 'DBT_INVALID_NODE', `group ${key} skipped: ${parsed.reason}`, key);
      return;
    }
    const g = parsed.value;
    const owner = normaliseOwner(g.owner);
    this.manifest.groups.set(g.unique_id, {
      uniqueId: g.unique_id,
      name: g.name,
      ...(text(g.package_name) ? { packageName: g.package_name as string } : {}),
      ...(forwardSlashes(g.original_file_path) ? { filePath: forwardSlashes(g.original_file_path) as string } : {}),
      ...(owner ? { owner } : {}),
    });
  }

  /** v4+: `unique_id -> [node, ...]`; v1–v3: a plain list of nodes. */
  private readDisabled(value: unknown): void {
    for (const node of Array.isArray(value) ? value : [value]) this.addDisabled(node);
  }

  private addDisabled(node: unknown): void {
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const uniqueId = typeof n.unique_id === 'string' ? n.unique_id : undefined;
    if (!uniqueId) {
      this.issue('warning', 'DBT_INVALID_NODE', 'a disabled entry without unique_id was ignored');
      return;
    }
    const packageName = typeof n.package_name === 'string' ? n.package_name : undefined;
    if (packageName) this.manifest.packages.add(packageName);
    this.manifest.disabled.set(uniqueId, {
      uniqueId,
      resourceType: typeof n.resource_type === 'string' ? n.resource_type : (uniqueId.split('.')[0] ?? 'unknown'),
      ...(typeof n.name === 'string' ? { name: n.name } : {}),
      ...(packageName ? { packageName } : {}),
    });
  }

  private issue(severity: IngestIssue['severity'], code: string, message: string, subject?: string): void {
    this.issues.push({ severity, code, message, file: this.file, ...(subject ? { subject } : {}) });
  }
}
