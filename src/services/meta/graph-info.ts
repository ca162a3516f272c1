import { requireQueries } from '../../db/registry.js';
import type { ServiceContext } from '../lineage/service-context.js';

const Q = requireQueries(['meta/get-server-info', 'meta/get-graph-version'] as const);

/** `graphInfo`: the Neo4j server's version and edition and the graph's change counter. */
export async function readGraphInfo(s: Pick<ServiceContext, 'exec' | 'query'>) {
  const [info] = await s.exec.read(Q['meta/get-server-info'], {}, s.query);
  const [graph] = await s.exec.read(Q['meta/get-graph-version'], {}, s.query);
  return { neo4jVersion: info?.version, neo4jEdition: info?.edition, graphVersion: graph?.version ?? 0 };
}
