import { requireQueries } from '../../db/registry.js';
import { badInput } from '../../errors.js';
import { decodeKeyset, keysetPage, optionalText, storedRows, type KeysetPage } from '../bio/keyset-cursor.js';
import { pageSize } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { storedInstant } from './instants.js';
import { storedStatuses, type RunStatus } from './run-status.js';

const Q = requireQueries(['runs/list-runs', 'runs/count-runs'] as const);

export interface RunFilter {
  /** A job (or step) urn or name the runs are INSTANCE_OF. */
  job?: string | null;
  status?: RunStatus[] | null;
  startedAfter?: string | null;
  startedBefore?: string | null;
  /** An agent urn or name the runs were associated with. */
  agent?: string | null;
  /** openlineage, strategy, imputation, nextflow, cwl, prov, rocrate, dbt. */
  kind?: string | null;
  /** Step runs (tasks, workflow steps) too; default: top-level runs only. */
  includeSteps?: boolean | null;
}

export interface RunListArgs {
  filter?: RunFilter | null;
  first?: number | null;
  after?: string | null;
}

/**
 * runs(filter, first, after): newest first (runs without a start time last), keyset-paged. `namespaces`: those of
 * a caller limited to them (null: every namespace); runs outside them are left out, totalCount included.
 */
export async function listRuns(s: ServiceContext, args: RunListArgs, namespaces: readonly string[] | null = null): Promise<KeysetPage> {
  const first = pageSize(args.first, 50);
  const key = decodeKeyset('runs', args.after, 2);
  const params = { ...runFilterParams(args.filter ?? {}), namespaces };
  const rows = await s.exec.read(
    Q['runs/list-runs'],
    { ...params, afterStarted: key ? String(key[0]) : null, afterUrn: key ? String(key[1]) : null, first: first + 1 },
    s.query,
  );
  const started = new Map(rows.map((r) => [String(r.urn), String(r.started ?? '')]));
  return keysetPage('runs', storedRows(rows), first, (r) => [started.get(r.urn) ?? '', r.urn], async () => {
    const [row] = await s.exec.read(Q['runs/count-runs'], params, s.query);
    return Number(row?.total ?? 0);
  });
}

export function runFilterParams(f: RunFilter): Record<string, unknown> {
  const startedAfter = storedInstant('filter.startedAfter', f.startedAfter);
  const startedBefore = storedInstant('filter.startedBefore', f.startedBefore);
  if (startedAfter && startedBefore && startedAfter >= startedBefore) {
    throw badInput('filter.startedAfter must be before filter.startedBefore', { argument: 'filter.startedAfter' });
  }
  return {
    job: optionalText('filter.job', f.job, 2000),
    statuses: storedStatuses(f.status),
    startedAfter,
    startedBefore,
    agent: optionalText('filter.agent', f.agent, 2000),
    kind: optionalText('filter.kind', f.kind, 100)?.toLowerCase() ?? null,
    includeSteps: Boolean(f.includeSteps),
  };
}
