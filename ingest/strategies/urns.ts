import { stepUrn } from '../common/urns.js';
import { strategyRunUrn } from '../common/urns.js';

export { strategyRunUrn };

export function strategyJobUrn(name: string, version?: string): string {
  return `urn:strategy:${name}:${version && version.trim() !== '' ? version : 'unversioned'}`;
}

export function strategyStepUrn(jobUrn: string, stepName: string): string {
  return stepUrn(jobUrn, stepName);
}

export function strategyStepRunUrn(jobId: string, stepIndex: number | string): string {
  return `urn:strategy-run:${jobId}:step:${stepIndex}`;
}
