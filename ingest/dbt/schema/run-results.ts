import { z } from 'zod';
import { num, record, str } from './common.js';

const timing = z.array(z.looseObject({ name: str, started_at: str, completed_at: str })).nullish();

/**
 * A result of run_results.json (v1–v6). Status is one of success, error, skipped, partial success, no-op, reused
 * (nodes), pass, fail, warn (tests) or runtime error; `failures` is null outside tests.
 */
export const runResultSchema = z.looseObject({
  unique_id: z.string(),
  status: str,
  timing,
  thread_id: str,
  execution_time: num,
  adapter_response: record.nullish(),
  message: str,
  failures: num,
});
export type RunResultInput = z.infer<typeof runResultSchema>;

/** `args` of run_results (v4+): `which` is the dbt sub-command (build, run, test, compile, generate, show, ...). */
export const runArgsSchema = z.looseObject({ which: str, invocation_command: str }).nullish();

/** A result of sources.json (source freshness, v1–v3); runtime errors carry only unique_id, status and error. */
export const freshnessResultSchema = z.looseObject({
  unique_id: z.string(),
  status: str,
  max_loaded_at: str,
  snapshotted_at: str,
  max_loaded_at_time_ago_in_s: num,
  criteria: z.unknown().optional(),
  adapter_response: record.nullish(),
  timing,
  thread_id: str,
  execution_time: num,
  error: z.union([z.string(), z.number()]).nullish(),
});
export type FreshnessResultInput = z.infer<typeof freshnessResultSchema>;
