import type { Props } from '../core/graph.js';
import { toUtcIso } from '../common/time.js';
import { asArray, asBoolean, asNumber, asString, isObject, jsonProp } from '../common/values.js';

const KNOWN = new Set([
  'source', 'timestamp', 'time', 'action', 'details', 'success', 'version', 'confidence_score', 'confidenceScore',
  'method', 'evidence_codes', 'evidenceCodes',
]);

/**
 * The strategy platform's provenance records, in whatever shape they come: `{source, timestamp, action, details}`,
 * `{action, timestamp, details}`, `{action, success}` or the action-result form
 * `{source, timestamp, version, confidence_score, method, evidence_codes}`. Unknown keys are kept in detailsJson.
 * A bare string becomes a record whose action is that string.
 */
export function provenanceRecordProps(record: unknown, index: number): Props | undefined {
  if (typeof record === 'string') return { position: index, action: record };
  if (!isObject(record)) return undefined;
  const details = isObject(record.details) ? { ...record.details } : record.details !== undefined ? { value: record.details } : {};
  for (const [key, value] of Object.entries(record)) if (!KNOWN.has(key)) (details as Record<string, unknown>)[key] = value;
  const evidence = asArray(record.evidence_codes ?? record.evidenceCodes)
    .map(asString)
    .filter((s): s is string => s !== undefined);
  const timestamp = record.timestamp ?? record.time;
  return {
    position: index,
    action: asString(record.action),
    source: asString(record.source),
    timestamp: toUtcIso(timestamp) ?? asString(timestamp),
    success: asBoolean(record.success),
    version: asString(record.version),
    confidenceScore: asNumber(record.confidence_score ?? record.confidenceScore),
    method: asString(record.method),
    evidenceCodes: evidence.length > 0 ? evidence : undefined,
    detailsJson: jsonProp(details),
  };
}

/** Provenance lists found on a job, a step or their results (`provenance`, `provenance_records`). */
export function provenanceListsIn(...holders: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const holder of holders) {
    if (!isObject(holder)) continue;
    for (const key of ['provenance', 'provenance_records', 'provenanceRecords']) {
      if (Array.isArray(holder[key])) out.push(...(holder[key] as unknown[]));
      else if (isObject(holder[key])) out.push(holder[key]);
    }
  }
  return out;
}
