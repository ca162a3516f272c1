import type { IngestIssue } from '../../core/graph.js';
import type { NonFiniteReport } from '../../common/lenient-json.js';
import { LATEST_KNOWN_VERSION, parseSchemaVersion, type ArtifactKind, type ArtifactMetadata } from '../schema/metadata.js';

/** A manifest that cannot be used at all (unreadable, or another artifact given as the manifest). */
export class DbtArtifactError extends Error {
  constructor(readonly issue: IngestIssue) {
    super(issue.message);
    this.name = 'DbtArtifactError';
  }
}

/**
 * Checks `metadata.dbt_schema_version` against the expected artifact kind. Returns false when the file is another
 * kind of artifact; a version newer than known is ingested with the newest known rules and a warning.
 */
export function checkSchemaVersion(
  expected: ArtifactKind,
  metadata: ArtifactMetadata,
  file: string,
  issues: IngestIssue[],
): boolean {
  const parsed = parseSchemaVersion(metadata.dbt_schema_version);
  if (!parsed) {
    issues.push({
      severity: 'warning',
      code: 'DBT_UNKNOWN_SCHEMA_VERSION',
      message: `${expected} has no readable metadata.dbt_schema_version (${String(metadata.dbt_schema_version)}); read with the newest known rules`,
      file,
    });
    return true;
  }
  if (parsed.kind !== expected) {
    issues.push({
      severity: 'error',
      code: 'DBT_WRONG_ARTIFACT',
      message: `expected a ${expected} artifact but ${file} is a ${parsed.kind} (v${parsed.version})`,
      file,
    });
    return false;
  }
  const latest = LATEST_KNOWN_VERSION[expected];
  if (parsed.version > latest) {
    issues.push({
      severity: 'warning',
      code: 'DBT_UNKNOWN_SCHEMA_VERSION',
      message: `${expected} schema v${parsed.version} is newer than the newest known (v${latest}); read with the v${latest} rules`,
      file,
    });
  }
  return true;
}

export function nonFiniteIssue(report: NonFiniteReport, file: string): IngestIssue | undefined {
  if (report.count === 0) return undefined;
  return {
    severity: 'warning',
    code: 'DBT_JSON_NONFINITE',
    message: `${report.count} bare NaN/Infinity token(s) outside strings read as null`,
    file,
    ...(report.firstLine !== undefined ? { line: report.firstLine } : {}),
  };
}
