import { createHash } from 'node:crypto';
import { stableJson } from '../../../ingest/common/values.js';
import type { ServiceContext } from './service-context.js';
import { graphVersionReader } from './graph-version.js';

/**
 * Results of lineage, impact and path queries, cached (Redis, or memory without REDIS_URL) under
 * kind + graph epoch + graph version + arguments. Every ingestion and metadata mutation bumps the version, so a
 * changed graph never answers from an old entry: invalidation is by key, no deletes needed. Nothing is cached
 * before the graph's first write (epoch 'empty' is shared by every empty graph).
 */
export async function cachedResult<T>(s: ServiceContext, kind: string, args: unknown, compute: () => Promise<T>): Promise<T> {
  if (s.cacheEnabled === false) return compute();
  const { epoch, version } = await graphVersionReader(s.exec).read(s.query);
  if (epoch === 'empty') return compute();
  const key = `${kind}:v1:${epoch}:${version}:${argumentHash(args)}`;
  const hit = await s.cache.get(key);
  if (hit !== undefined) return JSON.parse(hit) as T;
  const value = await compute();
  // Not awaited: the answer does not wait for the cache write (which never fails a request).
  void s.cache.set(key, JSON.stringify(value), s.cacheTtlSeconds);
  return value;
}

/** Equal arguments hash equally whatever the order of their keys. */
export function argumentHash(args: unknown): string {
  return createHash('sha256').update(stableJson(args ?? null)).digest('base64url').slice(0, 32);
}
