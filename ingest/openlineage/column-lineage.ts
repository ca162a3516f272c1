import type { GraphBuilder } from '../common/graph-builder.js';
import { strongerKind, type TransformationKind } from '../common/transformation.js';
import { asArray, asBoolean, asString, isObject, type JsonObject } from '../common/values.js';
import type { DatasetMapper } from './datasets.js';

/** DIRECT/IDENTITY → identity, DIRECT/AGGREGATION → aggregation, any other direct transformation → expression. */
export function transformationKind(subtype: string | undefined): TransformationKind {
  switch ((subtype ?? '').toUpperCase()) {
    case 'IDENTITY':
      return 'identity';
    case 'AGGREGATION':
      return 'aggregation';
    default:
      return 'expression';
  }
}

interface Transformation {
  type: string;
  subtype?: string;
  description?: string;
  masking?: boolean;
}

/**
 * ColumnLineageDatasetFacet of one output dataset: DIRECT input fields become
 * (down:Column)-[:DERIVED_FROM {transformation}]->(up:Column); INDIRECT ones (join keys, filters, sorts…) become
 * (down:Column)-[:DEPENDS_ON {subtypes}]->(up:Column), and the facet's dataset-wide `dataset` list becomes
 * (output Dataset)-[:DEPENDS_ON]->(up:Column).
 */
export function mapColumnLineage(
  b: GraphBuilder,
  datasets: DatasetMapper,
  outputUrn: string,
  facet: unknown,
): void {
  if (!isObject(facet)) return;
  const fields = isObject(facet.fields) ? facet.fields : {};
  for (const [outputField, info] of Object.entries(fields)) {
    if (!isObject(info)) continue;
    const down = datasets.column(outputUrn, outputField);
    for (const input of asArray(info.inputFields)) {
      linkInput(b, datasets, down, input, info);
    }
  }
  for (const input of asArray(facet.dataset)) {
    if (!isInputField(input)) continue;
    const upDataset = datasets.mention(input.namespace, input.name);
    const up = datasets.column(upDataset, input.field);
    const subtypes = transformationsOf(input, undefined).map((t) => t.subtype ?? t.type);
    b.edge('DEPENDS_ON', outputUrn, up, { subtypes: subtypes.length > 0 ? subtypes : undefined });
    b.count('columnDependencies');
  }
}

function linkInput(
  b: GraphBuilder,
  datasets: DatasetMapper,
  down: string,
  input: unknown,
  info: JsonObject,
): void {
  if (!isInputField(input)) {
    b.issue({ severity: 'warning', code: 'OL_COLUMN_LINEAGE_INVALID', message: 'input field without namespace/name/field', subject: down });
    return;
  }
  const upDataset = datasets.mention(input.namespace, input.name);
  const up = datasets.column(upDataset, input.field);
  const transformations = transformationsOf(input, info);
  const direct = transformations.filter((t) => t.type === 'DIRECT');
  const indirect = transformations.filter((t) => t.type === 'INDIRECT');
  if (direct.length > 0) {
    const kinds = direct.map((t) => transformationKind(t.subtype));
    const transformation = kinds.reduce(strongerKind, kinds[0]!);
    b.edge('DERIVED_FROM', down, up, {
      transformation,
      transformationSubtypes: direct.map((t) => t.subtype ?? 'UNKNOWN'),
      description: direct.map((t) => t.description).find((d) => d !== undefined) ?? asString(info.transformationDescription),
      masking: direct.some((t) => t.masking === true) || undefined,
    });
    b.count('columnDerivations');
  }
  if (indirect.length > 0) {
    b.edge('DEPENDS_ON', down, up, { subtypes: indirect.map((t) => t.subtype ?? 'UNKNOWN') });
    b.count('columnDependencies');
  }
}

type InputField = JsonObject & { namespace: string; name: string; field: string };

function isInputField(value: unknown): value is InputField {
  return (
    isObject(value) && typeof value.namespace === 'string' && typeof value.name === 'string' && typeof value.field === 'string'
  );
}

/** Transformations of an input field; older facets only give a field-level `transformationType`. */
function transformationsOf(input: JsonObject, info: JsonObject | undefined): Transformation[] {
  const list = asArray(input.transformations)
    .filter(isObject)
    .map((t) => ({
      type: (asString(t.type) ?? 'DIRECT').toUpperCase(),
      subtype: asString(t.subtype)?.toUpperCase(),
      description: asString(t.description),
      masking: asBoolean(t.masking),
    }));
  if (list.length > 0) return list;
  const legacy = info ? asString(info.transformationType)?.toUpperCase() : undefined;
  return [{ type: 'DIRECT', subtype: legacy === 'TRANSFORMATION' ? 'TRANSFORMATION' : legacy }];
}
