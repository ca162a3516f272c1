export { readNextflowTrace } from './trace.js';
export type { NextflowTraceOptions } from './trace.js';
export { mapNextflowMessages, readNextflowMessages } from './tower.js';
export type { NextflowMessagesOptions } from './tower.js';
export { mapTask, nextflowRunUrn, nextflowTaskUrn } from './tasks.js';
export { parseDuration, parseSize, parsePercent, parseInteger } from './human-format.js';
