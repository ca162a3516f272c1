import autocannon from 'autocannon';
import type { Executor } from '../src/db/executor.js';
import { requireQueries } from '../src/db/registry.js';

const Q = requireQueries(['lineage/expand-hop-downstream', 'lineage/expand-hop-upstream'] as const);

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Runs `fn` once per input, sequentially, and summarises the wall times in ms. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => Promise<unknown>): Promise<Latency> {
  const times: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await fn(input);
    times.push(performance.now() - started);
  }
  return summarise(times);
}

export function summarise(times: number[]): Latency {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(s.at(-1) ?? 0), mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)) };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The alternative the API does not use: breadth-first search with one Cypher round trip per hop (DISTINCT
 * frontier in, next frontier out). Returns the number of nodes reached.
 */
export async function hopByHop(exec: Executor, urn: string, way: 'UPSTREAM' | 'DOWNSTREAM', depth: number, limit: number): Promise<number> {
  const query = way === 'DOWNSTREAM' ? Q['lineage/expand-hop-downstream'] : Q['lineage/expand-hop-upstream'];
  const seen = new Set([urn]);
  let frontier = [urn];
  for (let level = 0; level < depth && frontier.length > 0 && seen.size < limit; level++) {
    const next: string[] = [];
    for (const row of await exec.read(query, { frontier })) {
      const to = String(row.to);
      if (!seen.has(to) && seen.size < limit) {
        seen.add(to);
        next.push(to);
      }
    }
    frontier = next;
  }
  return seen.size;
}

export interface Throughput {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** autocannon against a running server: `connections` clients repeating one POST for `seconds`. */
export async function loadTest(
  url: string,
  body: string,
  connections: number,
  seconds: number,
  workers: number,
  headers: Record<string, string> = {},
): Promise<Throughput> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
    ...(workers > 0 ? { workers } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
