import { z } from 'zod';
import { column, record, resourceCommon, str } from './common.js';

/** An entry of manifest `sources` (all versions). `loader` is '' when unset; `freshness` may be null. */
export const sourceSchema = z.looseObject({
  ...resourceCommon,
  database: str,
  schema: str,
  identifier: str,
  relation_name: str,
  source_name: str,
  source_description: str,
  source_meta: record.nullish(),
  loader: str,
  loaded_at_field: str,
  freshness: z.unknown().optional(),
  columns: z.record(z.string(), column).nullish(),
});
export type SourceInput = z.infer<typeof sourceSchema>;
