import type { Executor } from '../../db/executor.js';
import { refreshPii } from './pii/refresh-pii.js';

/**
 * Work that must happen before the rules run, in order: PII detection and propagation first
 * (src/services/conformance/pii/refresh-pii.ts), so `pii.untagged` judges fresh PiiFinding nodes.
 */
export type ConformancePreStep = (exec: Executor, o: { namespace?: string }) => Promise<unknown>;

export const CONFORMANCE_PRE_STEPS: ConformancePreStep[] = [refreshPii];

export async function runConformancePreSteps(exec: Executor, namespace: string | null): Promise<void> {
  for (const step of CONFORMANCE_PRE_STEPS) await step(exec, namespace ? { namespace } : {});
}
