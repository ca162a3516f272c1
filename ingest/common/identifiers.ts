/**
 * The alphabets of names users give Helix that become parts of URNs and record keys. A namespace is the `<ns>` of
 * `urn:dbt:<ns>:<unique_id>`: a `:` or a blank in it would make URNs ambiguous (`--namespace urn:dbt:x` gave
 * `urn:dbt:urn:dbt:x:…`), so it is restricted to what dbt project names and common namespace names use.
 */
const NAMESPACE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const NAMESPACE_ALPHABET = 'letters, digits, "_", "-" and "." (at most 128, not starting with "-" or ".")';

/** Ingestion ids are UUIDs (randomUUID); a resume id is one of them. */
const INGESTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function namespaceProblem(namespace: string): string | undefined {
  if (NAMESPACE.test(namespace)) return undefined;
  return `namespace ${JSON.stringify(namespace.slice(0, 80))} is not allowed: use ${NAMESPACE_ALPHABET}`;
}

export function ingestionIdProblem(id: string, what = 'ingestion id'): string | undefined {
  if (INGESTION_ID.test(id)) return undefined;
  return `${what} ${JSON.stringify(id.slice(0, 80))} is not an ingestion id (a UUID such as 0b5c7e1a-3f0e-4c8e-9a53-4e1f2b6d7c90)`;
}

/** The first problem of the names in an ingestion request, or undefined. */
export function ingestRequestProblem(o: { namespace?: string | null; resume?: string | null; ingestionId?: string | null }): string | undefined {
  if (o.namespace !== undefined && o.namespace !== null) {
    const p = namespaceProblem(o.namespace);
    if (p) return p;
  }
  if (o.resume !== undefined && o.resume !== null) {
    const p = ingestionIdProblem(o.resume, 'resume id');
    if (p) return p;
  }
  if (o.ingestionId !== undefined && o.ingestionId !== null) return ingestionIdProblem(o.ingestionId);
  return undefined;
}
