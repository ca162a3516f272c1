import type { DbtResource, ResourceSection } from '../artifacts.js';
import type { ExposureInput } from '../schema/exposure.js';
import type { MetricInput } from '../schema/metric.js';
import type { ManifestNodeInput } from '../schema/node.js';
import type { SavedQueryInput, SemanticModelInput } from '../schema/semantic.js';
import type { SourceInput } from '../schema/source.js';
import type { UnitTestInput } from '../schema/unit-test.js';
import {
  compact,
  forwardSlashes,
  mergeMeta,
  normaliseColumns,
  normaliseOwner,
  normaliseRefs,
  tagList,
  text,
  versionText,
} from './normalize-fields.js';

type CommonInput = ManifestNodeInput | SourceInput | ExposureInput | MetricInput | SemanticModelInput | SavedQueryInput | UnitTestInput;

function common(input: CommonInput, section: ResourceSection): DbtResource {
  const config = input.config ?? {};
  return compact({
    uniqueId: input.unique_id,
    resourceType: input.resource_type,
    name: input.name,
    section,
    packageName: text(input.package_name),
    description: text(input.description),
    label: text(input.label),
    tags: tagList(input.tags, config.tags),
    meta: mergeMeta(input.meta, config.meta),
    group: text(input.group) ?? text(config.group),
    filePath: forwardSlashes(input.original_file_path),
    dependsOn: [...new Set(input.depends_on?.nodes ?? [])],
    refs: normaliseRefs(input.refs),
    columns: [],
    constraints: [],
    external: false,
  });
}

/** Models, seeds, snapshots, analyses, tests, operations. */
export function normaliseNode(input: ManifestNodeInput): DbtResource {
  const config = input.config ?? {};
  const compiledCode = text(input.compiled_code) ?? text(input.compiled_sql);
  const test = input.resource_type === 'test' ? testInfo(input) : undefined;
  return compact({
    ...common(input, 'nodes'),
    database: text(input.database),
    schema: text(input.schema),
    alias: text(input.alias) ?? text(config.alias),
    relationName: text(input.relation_name),
    materialized: text(config.materialized),
    language: text(input.language),
    access: text(input.access) ?? text(config.access),
    version: versionText(input.version),
    latestVersion: versionText(input.latest_version),
    deprecationDate: text(input.deprecation_date),
    contractEnforced: input.contract?.enforced ?? config.contract?.enforced ?? undefined,
    checksum: checksumOf(input.checksum),
    compiledCode,
    rawCode: compiledCode === undefined ? (text(input.raw_code) ?? text(input.raw_sql)) : undefined,
    columns: normaliseColumns(input.columns),
    constraints: input.constraints ?? [],
    external: input.resource_type === 'model' && !text(input.original_file_path) && !text(input.path),
    test,
  });
}

function testInfo(input: ManifestNodeInput): DbtResource['test'] {
  const meta = input.test_metadata;
  return compact({
    testName: text(meta?.name),
    testNamespace: text(meta?.namespace),
    kwargs: meta?.kwargs ?? undefined,
    columnName: text(input.column_name) ?? (typeof meta?.kwargs?.column_name === 'string' ? meta.kwargs.column_name : undefined),
    attachedNode: text(input.attached_node),
    severity: text(input.config?.severity),
  });
}

function checksumOf(hash: ManifestNodeInput['checksum']): string | undefined {
  if (!hash || hash.name === 'none') return undefined;
  return text(hash.checksum);
}

export function normaliseSource(input: SourceInput): DbtResource {
  return compact({
    ...common(input, 'sources'),
    meta: mergeMeta(input.source_meta, input.meta, input.config?.meta),
    description: text(input.description) ?? text(input.source_description),
    database: text(input.database),
    schema: text(input.schema),
    identifier: text(input.identifier),
    relationName: text(input.relation_name),
    sourceName: text(input.source_name),
    loader: text(input.loader),
    freshness: input.freshness ?? undefined,
    columns: normaliseColumns(input.columns),
  });
}

export function normaliseExposure(input: ExposureInput): DbtResource {
  return compact({
    ...common(input, 'exposures'),
    exposureType: text(input.type),
    url: text(input.url),
    maturity: text(input.maturity),
    owner: normaliseOwner(input.owner),
  });
}

/** Old metrics keep their SQL in `sql`/`expression`; MetricFlow metrics describe themselves in `type_params`. */
export function normaliseMetric(input: MetricInput): DbtResource {
  const expression = input.type_params ?? input.expression ?? input.sql ?? undefined;
  return compact({
    ...common(input, 'metrics'),
    metricType: text(input.type) ?? text(input.calculation_method),
    expression: expression === null ? undefined : expression,
    model: text(input.model),
  });
}

export function normaliseSemanticModel(input: SemanticModelInput): DbtResource {
  const relation = input.node_relation;
  return compact({
    ...common(input, 'semantic_models'),
    model: text(input.model),
    database: text(relation?.database),
    schema: text(relation?.schema_name),
    alias: text(relation?.alias),
  });
}

export function normaliseSavedQuery(input: SavedQueryInput): DbtResource {
  return common(input, 'saved_queries');
}

export function normaliseUnitTest(input: UnitTestInput): DbtResource {
  return compact({
    ...common(input, 'unit_tests'),
    model: text(input.model),
    version: versionText(input.version),
  });
}
