import { z } from 'zod';
import { str } from './common.js';

/** A column of catalog.json (catalog v1): warehouse type and ordinal; key case follows the warehouse. */
export const catalogColumnSchema = z.looseObject({
  type: str,
  index: z.union([z.number(), z.string()]).nullish(),
  name: str,
  comment: str,
});

/** An entry of catalog `nodes` / `sources`, keyed by unique_id. */
export const catalogEntrySchema = z.looseObject({
  unique_id: str,
  metadata: z.looseObject({ type: str, schema: str, name: str, database: str, comment: str, owner: str }).nullish(),
  columns: z.record(z.string(), catalogColumnSchema).nullish(),
  stats: z.record(z.string(), z.looseObject({ value: z.unknown().optional(), include: z.boolean().nullish() })).nullish(),
});
export type CatalogEntryInput = z.infer<typeof catalogEntrySchema>;
