import type { Executor } from '../../db/executor.js';

/**
 * Work that must happen before the rules run, in order. The PII engineer's `refreshPii(exec, { namespace })`
 * (src/services/conformance/pii/refresh-pii.ts) is meant to be the first entry, so `pii.untagged` judges fresh
 * PiiFinding nodes; the integrator adds it here when both branches meet.
 */
export type ConformancePreStep = (exec: Executor, o: { namespace?: string }) => Promise<unknown>;

export const CONFORMANCE_PRE_STEPS: ConformancePreStep[] = [];

export async function runConformancePreSteps(exec: Executor, namespace: string | null): Promise<void> {
  for (const step of CONFORMANCE_PRE_STEPS) await step(exec, namespace ? { namespace } : {});
}
