import { requireQueries } from '../../db/registry.js';
import { badInput } from '../../errors.js';
import { storedRows, type StoredNode } from '../bio/keyset-cursor.js';
import { LIMITS } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { runUrnCandidates as sourceRunUrns } from '../../../ingest/common/urns.js';

const Q = requireQueries(['runs/find-runs-by-id'] as const);

/** The run urns an id may stand for, most specific first: the id itself, then each source's run urn form. */
export function runUrnCandidates(id: string): string[] {
  if (id.startsWith('urn:')) return [id];
  return sourceRunUrns(id);
}

/**
 * run(id): a run urn, an OpenLineage runId, a dbt invocation_id, a strategy job id, an imputation job id or a Nextflow
 * run name; top-level runs before step runs when a bare id is ambiguous.
 */
export async function findRun(s: ServiceContext, id: string): Promise<StoredNode | null> {
  const t = id.trim();
  if (t === '') throw badInput('id must not be empty', { argument: 'id' });
  if (t.length > LIMITS.maxUrnLength) throw badInput(`id is longer than ${LIMITS.maxUrnLength} characters`, { argument: 'id' });
  const candidates = runUrnCandidates(t);
  const rows = await s.exec.read(Q['runs/find-runs-by-id'], { id: t, candidates }, s.query);
  const nodes = storedRows(rows);
  const rank = (i: number) => Number(rows[i]!.rank) * 100 + Math.max(0, candidates.indexOf(nodes[i]!.urn));
  const order = nodes.map((_, i) => i).sort((a, b) => rank(a) - rank(b) || (nodes[a]!.urn < nodes[b]!.urn ? -1 : 1));
  return order.length > 0 ? nodes[order[0]!]! : null;
}
