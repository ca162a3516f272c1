import type { HelixContext } from '../app/context.js';

export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  neo4j: { ok: boolean; version?: string; error?: string; since?: string };
  cache: { ok: boolean; kind: string };
}

/**
 * Neo4j down → unavailable (503); cache (Redis) down → degraded (still serving from Neo4j, uncached). Neo4j's state
 * is probed now (bounded by HELIX_HEALTH_TIMEOUT_MS, shared with the background probe), never through the driver's
 * retrying transactions, so an outage shows within seconds.
 */
export async function readiness(helix: Pick<HelixContext, 'health' | 'cache'>): Promise<Readiness> {
  const [state, cacheOk] = await Promise.all([helix.health.check(), helix.cache.ping()]);
  const neo4j: Readiness['neo4j'] = { ok: state.ok, version: state.version, since: new Date(state.since).toISOString() };
  if (!state.ok) neo4j.error = state.error;
  const cache = { ok: cacheOk, kind: helix.cache.kind };
  const status = !neo4j.ok ? 'unavailable' : cache.ok ? 'ready' : 'degraded';
  return { status, neo4j, cache };
}
