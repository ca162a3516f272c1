import { badInput } from '../../errors.js';

/**
 * URNs of shared metadata nodes, exactly as the dbt mapper writes them: tags as written, owners, domains and data
 * products lower-cased (ingest/dbt/map/classification.ts, ownership.ts), so API and ingestion meet on one node.
 */
export const tagUrn = (tag: string) => `urn:tag:${tag}`;
export const ownerUrn = (owner: string) => `urn:owner:${owner.toLowerCase()}`;
export const domainUrn = (domain: string) => `urn:domain:${domain.toLowerCase()}`;
export const dataProductUrn = (name: string) => `urn:dataproduct:${name.toLowerCase()}`;

/** A name given by a user: trimmed, 1-200 characters, no control characters. */
export function cleanName(argument: string, value: string): string {
  const v = value.trim();
  if (v === '' || v.length > 200 || /[\u0000-\u001f\u007f]/.test(v)) {
    throw badInput(`${argument} must be 1-200 printable characters`, { argument });
  }
  return v;
}

/** Filters accept a name (`finance`) or a full urn (`urn:domain:finance`). */
export function asUrn(value: string | null | undefined, toUrn: (name: string) => string): string | null {
  if (value === undefined || value === null) return null;
  return value.startsWith('urn:') ? value : toUrn(value);
}
