import { createHash } from 'node:crypto';
import type { IngestIssue } from '../../core/graph.js';
import type { DbtManifest } from '../artifacts.js';

/**
 * The dbt project a manifest belongs to, used in every urn:
 * 1. the caller's namespace;
 * 2. `metadata.project_name` (written from dbt 1.6 / manifest v10);
 * 3. older manifests (v1–v9) only carry `metadata.project_id`, which dbt computes as md5(project name): the package
 *    whose name hashes to it is the root project (installed packages never match);
 * 4. the package of the first model (then of the first resource), reported as a guess.
 */
export function resolveNamespace(
  manifest: DbtManifest,
  explicit: string | undefined,
  file: string,
  issues: IngestIssue[],
): string {
  if (explicit && explicit.trim() !== '') return explicit.trim();
  const project = projectNameOf(manifest);
  if (project) return project;
  const resources = [...manifest.resources.values()];
  const guess =
    resources.find((r) => r.resourceType === 'model' && !r.external)?.packageName ??
    resources.find((r) => r.packageName)?.packageName ??
    'default';
  issues.push({
    severity: 'warning',
    code: 'DBT_NAMESPACE_GUESSED',
    message: `manifest names no project (no project_name, no package matching project_id); using '${guess}'`,
    file,
  });
  return guess;
}

/** The dbt project's own name: `metadata.project_name`, else the package whose md5 is `metadata.project_id`. */
export function projectNameOf(manifest: DbtManifest): string | undefined {
  const projectName = manifest.metadata.project_name;
  if (projectName && projectName.trim() !== '') return projectName.trim();
  const projectId = manifest.metadata.project_id?.toLowerCase();
  if (projectId) {
    for (const candidate of manifest.packages) {
      if (createHash('md5').update(candidate).digest('hex') === projectId) return candidate;
    }
  }
  return undefined;
}
