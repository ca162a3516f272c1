import { z } from 'zod';
import { resourceCommon, str, version } from './common.js';

/** An entry of manifest `unit_tests` (v12; absent from dbt 1.7 v11 files although the current v11 schema requires it). */
export const unitTestSchema = z.looseObject({
  ...resourceCommon,
  model: str,
  version,
  checksum: z.unknown().optional(),
});
export type UnitTestInput = z.infer<typeof unitTestSchema>;
