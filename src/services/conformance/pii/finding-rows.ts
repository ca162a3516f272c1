import { createHash } from 'node:crypto';
import type { PiiCategory, PiiOrigin } from './categories.js';

/** A PiiFinding as stored: one per (column, category). */
export interface FindingRow {
  urn: string;
  column: string;
  category: PiiCategory;
  origin: PiiOrigin;
  /** Column urns: the column itself for DECLARED/DETECTED; a shortest path origin → column for PROPAGATED. */
  evidence: string[];
  namespace: string | null;
  reason: string;
  pseudonymous: boolean;
  contentHash: string;
}

export function findingUrn(column: string, category: PiiCategory): string {
  return `urn:helix:pii:${column}|${category}`;
}

export function findingRow(f: Omit<FindingRow, 'urn' | 'contentHash'>): FindingRow {
  const content = [f.column, f.category, f.origin, f.evidence, f.namespace, f.reason, f.pseudonymous];
  return {
    ...f,
    urn: findingUrn(f.column, f.category),
    contentHash: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
  };
}

/** `metaJson` as stored on a Column; anything unreadable counts as no meta. */
export function parseMeta(metaJson: unknown): Record<string, unknown> | null {
  if (typeof metaJson !== 'string' || metaJson === '') return null;
  try {
    const v: unknown = JSON.parse(metaJson);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
