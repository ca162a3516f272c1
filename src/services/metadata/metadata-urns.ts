import { badInput } from '../../errors.js';

/** URNs of shared metadata nodes: the ones the dbt mapper writes (ingest/common/urns.ts), so API and ingestion meet on one node. */
export { dataProductUrn, domainUrn, ownerUrn, tagUrn } from '../../../ingest/common/urns.js';

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
