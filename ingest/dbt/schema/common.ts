import { z } from 'zod';

/** Optional and nullable: dbt writes `null` for unset fields from v9 on and omits them before. */
export const str = z.string().nullish();
export const bool = z.boolean().nullish();
export const num = z.number().nullish();
export const record = z.record(z.string(), z.unknown());
/** `tags` is a list, but a single string is accepted by dbt configs and occasionally serialised as such. */
export const tags = z.union([z.array(z.string()), z.string()]).nullish();
/** Model versions are ints or strings (`version: 2`, `version: "2"`, `version: "prerelease"`). */
export const version = z.union([z.string(), z.number()]).nullish();

export const dependsOn = z.looseObject({ nodes: z.array(z.string()).nullish() }).nullish();

export const fileHash = z.looseObject({ name: str, checksum: str }).nullish();

/** Exposure and group owners: `{email, name}`, either may be missing; a bare string is read as one of them. */
export const owner = z.union([z.string(), z.looseObject({ email: str, name: str })]).nullish();

/**
 * `refs`: `["model"]` / `["pkg", "model"]` up to v8, `{name, package, version}` from v9. Only informative (lineage
 * comes from depends_on), so entries of any other shape are ignored rather than reported.
 */
export const ref = z.unknown();

export const column = z.looseObject({
  name: str,
  description: str,
  data_type: str,
  meta: record.nullish(),
  tags,
  constraints: z.array(z.unknown()).nullish(),
});

export const nodeConfig = z.looseObject({
  enabled: bool,
  materialized: str,
  meta: record.nullish(),
  tags,
  severity: str,
  group: str,
  access: str,
  alias: str,
  contract: z.looseObject({ enforced: bool }).nullish(),
});

/** Fields every manifest resource carries; only these three make an entry unusable when invalid. */
export const resourceIdentity = {
  unique_id: z.string(),
  resource_type: z.string(),
  name: z.string(),
};
export const CRITICAL_FIELDS: ReadonlySet<string> = new Set(Object.keys(resourceIdentity));

/** Fields shared by every manifest resource (nodes, sources, exposures, metrics, semantic models, ...). */
export const resourceCommon = {
  ...resourceIdentity,
  package_name: str,
  path: str,
  original_file_path: str,
  description: str,
  tags,
  meta: record.nullish(),
  config: nodeConfig.nullish(),
  depends_on: dependsOn,
  refs: z.array(ref).nullish(),
  /** `[source_name, table_name]` pairs; unused (depends_on names the same sources). */
  sources: z.unknown().optional(),
  group: str,
  label: str,
};
