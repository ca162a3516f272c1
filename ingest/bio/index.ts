/**
 * Public surface of the bio formats (pure): which format a file is and how a folder is planned. The reader of each
 * format is chosen by src/ingestion/bio-readers.ts, which alone imports every bio source.
 */
export type { BioReadOptions } from '../common/batch.js';
export { detectBioFormat } from './detect.js';
export { planBioDirectory, type BioDirectoryPlan, type PlannedBioFile } from './directory.js';
export { BIO_FORMATS, BIO_KINDS, isBioFormat, type BioFormat, type BioKind, type DetectedBioFormat } from './formats.js';
export { GeneIdIndex } from '../common/bio/gene-index.js';
export { readFirstBytes } from '../common/text-stream.js';
