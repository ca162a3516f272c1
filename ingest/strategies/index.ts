export { mapStrategyYaml, referencesIn } from './strategy-yaml.js';
export type { StrategyYamlOptions } from './strategy-yaml.js';
export { mapStrategyJobs, mapStrategyJobsJson } from './strategy-jobs.js';
export type { StrategyJobsOptions } from './strategy-jobs.js';
export { provenanceRecordProps } from './provenance-records.js';
export { strategyJobUrn, strategyStepUrn, strategyRunUrn, strategyStepRunUrn } from './urns.js';
