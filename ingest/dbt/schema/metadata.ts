import { z } from 'zod';
import { str } from './common.js';

/**
 * `metadata` of every dbt artifact. `dbt_version` is not always semver (`1.5.0rc1`, `2024.9.243` on dbt Cloud);
 * `project_name` only exists from dbt 1.6 (manifest v10); `user_id` may be null.
 */
export const artifactMetadataSchema = z.looseObject({
  dbt_schema_version: str,
  dbt_version: str,
  generated_at: str,
  invocation_id: str,
  invocation_started_at: str,
  project_name: str,
  project_id: str,
  adapter_type: str,
});
export type ArtifactMetadata = z.infer<typeof artifactMetadataSchema>;

export type ArtifactKind = 'manifest' | 'catalog' | 'run-results' | 'sources';

/** Newest schema version of each artifact this code was written against. */
export const LATEST_KNOWN_VERSION: Readonly<Record<ArtifactKind, number>> = {
  manifest: 12,
  catalog: 1,
  'run-results': 6,
  sources: 3,
};

/** Reads `https://schemas.getdbt.com/dbt/<kind>/v<N>.json` into kind and N. */
export function parseSchemaVersion(url: string | null | undefined): { kind: string; version: number } | undefined {
  const match = /\/dbt\/([a-z-]+)\/v(\d+)(?:\.json)?\s*$/i.exec(url ?? '');
  if (!match) return undefined;
  return { kind: (match[1] as string).toLowerCase(), version: Number(match[2]) };
}
