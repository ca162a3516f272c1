/** Public surface of the bio ingestion (pure mapping): what the CLI and the lead's orchestration call. */
export type { BioReadOptions } from './batch.js';
export { detectBioFormat } from './detect.js';
export { planBioDirectory, type BioDirectoryPlan, type PlannedBioFile } from './directory.js';
export { BIO_FORMATS, BIO_KINDS, isBioFormat, type BioFormat, type BioKind, type DetectedBioFormat } from './formats.js';
export { GeneIdIndex } from './gene-index.js';
export { BIO_READERS, readBioFile, type BioReader } from './registry.js';
export { readFirstBytes } from './text-stream.js';
