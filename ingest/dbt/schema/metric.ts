import { z } from 'zod';
import { resourceCommon, str } from './common.js';

/**
 * An entry of manifest `metrics`, both shapes:
 * - dbt ≤ 1.5 (v4–v9): `type` (v4–v6: count, sum, expression, ...) or `calculation_method` (v7–v9) with
 *   `sql` (v4–v6) / `expression` (v7–v9), `timestamp`, `time_grains`, `dimensions`, `model`;
 * - MetricFlow (v10+): `type` (simple, ratio, derived, cumulative, conversion) with `type_params`, `filter`.
 */
export const metricSchema = z.looseObject({
  ...resourceCommon,
  type: str,
  calculation_method: str,
  sql: str,
  expression: str,
  type_params: z.unknown().optional(),
  filter: z.unknown().optional(),
  filters: z.unknown().optional(),
  timestamp: str,
  time_grains: z.unknown().optional(),
  dimensions: z.unknown().optional(),
  model: str,
});
export type MetricInput = z.infer<typeof metricSchema>;
