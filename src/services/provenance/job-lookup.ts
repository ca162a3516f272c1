import { requireQueries } from '../../db/registry.js';
import { badInput } from '../../errors.js';
import { decodeKeyset, keysetPage, optionalText, storedRows, type KeysetPage, type StoredNode } from '../bio/keyset-cursor.js';
import { pageSize } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { olJobUrn } from '../../../ingest/common/urns.js';

const Q = requireQueries(['provenance/find-jobs-by-name', 'provenance/list-jobs', 'provenance/count-jobs', 'graph/get-nodes-by-urn'] as const);

export interface JobArgs {
  urn?: string | null;
  namespace?: string | null;
  name?: string | null;
}

/**
 * job(urn | namespace + name): by urn, or by name (and namespace when given; an OpenLineage job's urn is tried first).
 * Owned jobs win over jobs only referenced; null when nothing matches.
 */
/**
 * `visible`: whether the caller may see a job (namespace scoping). By name, the first job it may see is the answer,
 * so a hidden job of the same name never hides a visible one.
 */
export async function findJob(s: ServiceContext, args: JobArgs, visible: (n: StoredNode) => boolean = () => true): Promise<StoredNode | null> {
  const urn = optionalText('urn', args.urn, 2000);
  const namespace = optionalText('namespace', args.namespace, 500);
  const name = optionalText('name', args.name, 500);
  if ((urn === null) === (name === null)) throw badInput('job(...) takes either urn, or name (with an optional namespace)', { argument: 'urn' });
  if (urn !== null && namespace !== null) throw badInput('job(urn) takes no namespace', { argument: 'namespace' });
  if (urn !== null || namespace !== null) {
    const tried = urn ?? olJobUrn(namespace ?? '', name ?? '');
    const [row] = storedRows(await s.exec.read(Q['graph/get-nodes-by-urn'], { urns: [tried] }, s.query));
    if (row?.labels.includes('Job')) return row;
    if (urn !== null) return null;
  }
  return storedRows(await s.exec.read(Q['provenance/find-jobs-by-name'], { name, namespace }, s.query)).find(visible) ?? null;
}

export interface JobFilter {
  namespace?: string | null;
  /** openlineage, strategy, imputation, nextflow, cwl, rocrate. */
  kind?: string | null;
  /** Exact name, case-insensitive. */
  name?: string | null;
  /** Substring of the name or description, case-insensitive. */
  text?: string | null;
}

/**
 * jobs(filter, first, after): jobs in urn order, keyset-paged. `namespaces`: those of a caller limited to them
 * (null: every namespace); jobs outside them are left out, totalCount included.
 */
export async function listJobs(
  s: ServiceContext,
  args: { filter?: JobFilter | null; first?: number | null; after?: string | null },
  namespaces: readonly string[] | null = null,
): Promise<KeysetPage> {
  const first = pageSize(args.first, 50);
  const [after] = decodeKeyset('jobs', args.after, 1) ?? [''];
  const f = args.filter ?? {};
  const params = {
    namespace: optionalText('filter.namespace', f.namespace),
    kind: optionalText('filter.kind', f.kind, 100)?.toLowerCase() ?? null,
    name: optionalText('filter.name', f.name)?.toLowerCase() ?? null,
    text: optionalText('filter.text', f.text, 200)?.toLowerCase() ?? null,
    namespaces,
  };
  const rows = storedRows(await s.exec.read(Q['provenance/list-jobs'], { ...params, after: String(after), first: first + 1 }, s.query));
  return keysetPage('jobs', rows, first, (r) => [r.urn], async () => {
    const [row] = await s.exec.read(Q['provenance/count-jobs'], params, s.query);
    return Number(row?.total ?? 0);
  });
}
