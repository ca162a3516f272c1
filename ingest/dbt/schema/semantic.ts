import { z } from 'zod';
import { resourceCommon, str } from './common.js';

/** An entry of manifest `semantic_models` (v10+): the MetricFlow view of one model (`model: "ref('x')"`). */
export const semanticModelSchema = z.looseObject({
  ...resourceCommon,
  model: str,
  node_relation: z
    .looseObject({ alias: str, schema_name: str, database: str, relation_name: str })
    .nullish(),
  primary_entity: str,
});
export type SemanticModelInput = z.infer<typeof semanticModelSchema>;

/** An entry of manifest `saved_queries` (v11+): metrics/group-bys and their exports. */
export const savedQuerySchema = z.looseObject({
  ...resourceCommon,
  query_params: z.unknown().optional(),
  exports: z.array(z.unknown()).nullish(),
});
export type SavedQueryInput = z.infer<typeof savedQuerySchema>;
