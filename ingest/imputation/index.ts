export { mapImputationDumps, mapImputationDump } from './map-dumps.js';
export type { ImputationDump, ImputationOptions } from './map-dumps.js';
export { parsePgDump, decodeCopyField, rowObjects } from './pgdump.js';
export type { PgDump, PgTable, PgRow } from './pgdump.js';
export { imputationRunUrn, jobTypeUrn, imputationPanelUrn, statusUpdateUrn } from './context.js';
export { serviceKey, panelKey } from './services.js';
