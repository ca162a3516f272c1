import type { HelixContext } from '../app/context.js';
import { requireQueries } from '../db/registry.js';

const Q = requireQueries(['meta/get-server-info'] as const);

export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  neo4j: { ok: boolean; version?: string; error?: string };
  cache: { ok: boolean; kind: string };
}

/** Neo4j down → unavailable (503); cache down → degraded (still serving, uncached). */
export async function readiness(helix: HelixContext): Promise<Readiness> {
  const neo4j: Readiness['neo4j'] = { ok: false };
  try {
    const [row] = await helix.exec.read(Q['meta/get-server-info'], {}, { op: 'ready', timeoutMs: 3000 });
    neo4j.ok = true;
    neo4j.version = String(row?.version ?? '');
  } catch (error) {
    neo4j.error = (error as Error).message;
  }
  const cache = { ok: await helix.cache.ping(), kind: helix.cache.kind };
  const status = !neo4j.ok ? 'unavailable' : cache.ok ? 'ready' : 'degraded';
  return { status, neo4j, cache };
}
