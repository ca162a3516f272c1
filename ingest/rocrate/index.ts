export { mapRoCrate, rocrateActionUrn } from './map-crate.js';
export type { RoCrateOptions } from './map-crate.js';
export { CrateGraph, refIds, types, literal } from './crate-graph.js';
