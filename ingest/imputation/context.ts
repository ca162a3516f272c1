import type { GraphBuilder } from '../common/graph-builder.js';
import { imputationPanelUrn, imputationRunUrn } from '../common/urns.js';

export { imputationPanelUrn, imputationRunUrn };

/** One imputation-platform row with the line it came from. */
export interface Row {
  row: Record<string, string | null>;
  line: number;
  file?: string;
}

/** Lookups built from the service-registry tables, used to name services and panels referenced by jobs. */
export interface ImputationContext {
  b: GraphBuilder;
  platform: string;
  serviceKeyById: Map<string, string>;
  panelKeyById: Map<string, string>;
  fileById: Map<string, Row>;
}

export function jobTypeUrn(serviceKey: string): string {
  return `urn:imputation:job-type:${serviceKey}`;
}

export function statusUpdateUrn(jobId: string, timestamp: string): string {
  return `urn:imputation:status:${jobId}:${timestamp}`;
}

/** JSON column text → value; undefined for NULL, the text itself when it is not JSON. */
export function jsonColumn(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function boolColumn(text: string | null | undefined): boolean | undefined {
  if (text === 't' || text === 'true') return true;
  if (text === 'f' || text === 'false') return false;
  return undefined;
}

export function numColumn(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export function strColumn(text: string | null | undefined): string | undefined {
  return text === null || text === undefined || text === '' ? undefined : text;
}
