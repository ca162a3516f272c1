import { z } from 'zod';
import { bool, column, fileHash, record, resourceCommon, str, version } from './common.js';

/**
 * An entry of manifest `nodes` (model, seed, snapshot, analysis, test, operation, sql/rpc) of any schema version.
 * v1–v6 name the code `raw_sql`/`compiled_sql`, v7+ `raw_code`/`compiled_code`; `language` appears in v7;
 * `access`, `group`, `version`, `latest_version`, `contract`, `constraints` in v9 (`null` when unset);
 * `attached_node` on tests in v9. Unknown keys are kept (loose) so newer versions still parse.
 */
export const manifestNodeSchema = z.looseObject({
  ...resourceCommon,
  database: str,
  schema: str,
  alias: str,
  relation_name: str,
  checksum: fileHash,
  raw_sql: str,
  raw_code: str,
  compiled_sql: str,
  compiled_code: str,
  language: str,
  columns: z.record(z.string(), column).nullish(),
  access: str,
  version,
  latest_version: version,
  deprecation_date: str,
  contract: z.looseObject({ enforced: bool }).nullish(),
  constraints: z.array(z.unknown()).nullish(),
  test_metadata: z.looseObject({ name: str, namespace: str, kwargs: record.nullish() }).nullish(),
  column_name: str,
  attached_node: str,
});
export type ManifestNodeInput = z.infer<typeof manifestNodeSchema>;
