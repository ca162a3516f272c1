import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GraphEdge, MappedGraph } from '../../../ingest/core/graph.js';

export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, suffix));
    else if (entry.endsWith(suffix)) out.push(full);
  }
  return out;
}

export function edgesOf(g: MappedGraph, type: string, from?: string, to?: string): GraphEdge[] {
  return g.edges.filter((e) => e.type === type && (from === undefined || e.from === from) && (to === undefined || e.to === to));
}

export function danglingEdges(g: MappedGraph): GraphEdge[] {
  const urns = new Set(g.nodes.map((n) => n.urn));
  return g.edges.filter((e) => !urns.has(e.from) || !urns.has(e.to));
}

/** Property values Neo4j cannot store (objects, mixed or nested arrays). */
export function unstorable(g: MappedGraph): string[] {
  const bad: string[] = [];
  const check = (where: string, props: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || ['string', 'number', 'boolean'].includes(typeof v)) continue;
      if (Array.isArray(v) && v.every((x) => typeof x === typeof v[0] && ['string', 'number', 'boolean'].includes(typeof x))) continue;
      bad.push(`${where}.${k}`);
    }
  };
  g.nodes.forEach((n) => check(n.urn, n.props));
  g.edges.forEach((e) => check(e.type, e.props ?? {}));
  return bad;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): boolean => typeof v === 'string' && UUID.test(v);

/** Which required OpenLineage fields an event lacks, computed from the raw JSON (paths as in the 400 errors). */
export function missingRequiredFields(ev: Record<string, unknown>): string[] {
  const url = typeof ev.schemaURL === 'string' ? ev.schemaURL : '';
  const last = url.slice(url.lastIndexOf('/') + 1);
  const kind = ['RunEvent', 'DatasetEvent', 'JobEvent'].includes(last)
    ? last
    : 'dataset' in ev && !('run' in ev) && !('job' in ev)
      ? 'DatasetEvent'
      : 'job' in ev && !('run' in ev) && !('eventType' in ev)
        ? 'JobEvent'
        : 'RunEvent';
  const missing: string[] = [];
  const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  if (ev.eventTime === undefined || Number.isNaN(Date.parse(String(ev.eventTime)))) missing.push('eventTime');
  if (kind === 'RunEvent') {
    const run = obj(ev.run);
    if (!run) missing.push('run');
    else if (!isUuid(run.runId)) missing.push('run.runId');
  }
  if (kind !== 'DatasetEvent') {
    const job = obj(ev.job);
    if (!job) missing.push('job');
    else for (const k of ['namespace', 'name']) if (typeof job[k] !== 'string' || job[k] === '') missing.push(`job.${k}`);
    for (const side of ['inputs', 'outputs']) {
      const list = ev[side];
      if (list === undefined) continue;
      (list as unknown[]).forEach((d, i) => {
        for (const k of ['namespace', 'name']) if (typeof obj(d)?.[k] !== 'string') missing.push(`${side}[${i}].${k}`);
      });
    }
  } else {
    const ds = obj(ev.dataset);
    if (!ds) missing.push('dataset');
    else for (const k of ['namespace', 'name']) if (typeof ds[k] !== 'string') missing.push(`dataset.${k}`);
  }
  return missing;
}

/** A UUID derived from text, for placeholders in expected-event fixtures. */
export function uuidFrom(text: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const ch of `${round}:${text}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
