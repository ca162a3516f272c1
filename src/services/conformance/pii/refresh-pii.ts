import type { Executor, QueryContext } from '../../../db/executor.js';
import { requireQueries } from '../../../db/registry.js';
import { badInput } from '../../../errors.js';
import { PII_ORIGINS, isPiiCategory, type PiiCategory, type PiiOrigin } from './categories.js';
import { readDeclaration } from './declared.js';
import { classifyColumn } from './detect-column.js';
import { findingRow, findingUrn, parseMeta, strings, text, type FindingRow } from './finding-rows.js';
import { openLineageFieldTags } from './openlineage-tags.js';
import { propagate, type Hop, type Origin } from './propagate.js';

const Q = requireQueries([
  'conformance/list-pii-columns',
  'conformance/expand-pii-hop',
  'conformance/list-pii-origins',
  'conformance/list-pii-finding-hashes',
  'conformance/upsert-pii-findings',
  'conformance/delete-pii-findings',
  'meta/bump-graph-version',
] as const);

const TABLE_PAGE = 500;
const HOP_CHUNK = 2000;
const WRITE_BATCH = 2000;

export interface PiiSummary {
  namespace: string | null;
  tablesScanned: number;
  columnsScanned: number;
  /** Findings after the refresh (DECLARED + DETECTED + PROPAGATED). */
  findings: number;
  byOrigin: Record<PiiOrigin, number>;
  byCategory: Partial<Record<PiiCategory, number>>;
  pseudonymous: number;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Breadth-first levels of propagation walked. */
  levels: number;
  /** Lineage edges PII did not flow over, by reason (see propagation-stops.ts). */
  stopped: Record<string, number>;
  timingsMs: { detect: number; propagate: number; write: number; total: number };
}

/**
 * Recomputes the PII findings of one namespace (all when omitted): detection of every column of its tables, then
 * propagation downstream along DERIVED_FROM from every origin (this namespace's, and the stored origins of other
 * namespaces, whose PII may flow in). Idempotent: only changed findings are written, stale ones are deleted, a
 * second run changes nothing.
 */
export async function refreshPii(exec: Executor, opts: { namespace?: string | null } = {}, ctx: QueryContext = {}): Promise<PiiSummary> {
  const namespace = opts.namespace ?? null;
  if (namespace !== null && (typeof namespace !== 'string' || namespace.trim() === '' || namespace.length > 500)) {
    throw badInput('namespace must be a non-empty string of at most 500 characters', { argument: 'namespace' });
  }
  const q: QueryContext = { op: `pii refresh ${namespace ?? '*'}`, ...ctx };
  const began = performance.now();
  const desired = new Map<string, FindingRow>();
  const origins: Origin[] = [];
  let tablesScanned = 0;
  let columnsScanned = 0;
  for (let after = ''; ; ) {
    const tables = await exec.read(Q['conformance/list-pii-columns'], { namespace, after, limit: TABLE_PAGE }, q);
    for (const t of tables) {
      tablesScanned++;
      const columns = (t.columns as Array<Record<string, unknown>>) ?? [];
      const siblings = columns.map((c) => String(c.name ?? '').toLowerCase());
      const tableName = text(t.name) ?? String(t.urn).split(/[.:]/).pop() ?? '';
      const fieldTags = openLineageFieldTags(t.facetsJson);
      for (const c of columns) {
        columnsScanned++;
        const column = String(c.urn);
        const name = text(c.name) ?? column.split('#').pop()!;
        const tags = [...strings(c.tags), ...(fieldTags.get(name.toLowerCase()) ?? [])];
        const verdict = classifyColumn(
          { name, dataType: text(c.dataType), description: text(c.description), tags, meta: parseMeta(c.metaJson) },
          { name: tableName, columns: siblings },
        );
        for (const f of verdict.findings) {
          const row = findingRow({ column, category: f.category, origin: f.origin, evidence: [column], namespace: text(t.namespace), reason: f.reason, pseudonymous: f.pseudonymous });
          desired.set(row.urn, row);
          if (!f.pseudonymous) origins.push({ column, category: f.category, declared: f.origin === 'DECLARED' });
        }
      }
    }
    if (tables.length < TABLE_PAGE) break;
    after = String(tables[tables.length - 1]!.urn);
  }
  if (namespace !== null) {
    for (const r of await exec.read(Q['conformance/list-pii-origins'], { namespace }, q)) {
      if (isPiiCategory(r.category)) origins.push({ column: String(r.column), category: r.category, declared: r.origin === 'DECLARED' });
    }
  }
  const detectedAt = performance.now();

  const namespaces = new Map<string, string | null>();
  const hops = async (parents: string[]): Promise<Hop[]> => {
    const out: Hop[] = [];
    for (let i = 0; i < parents.length; i += HOP_CHUNK) {
      const rows = await exec.read(Q['conformance/expand-pii-hop'], { urns: parents.slice(i, i + HOP_CHUNK) }, q);
      for (const r of rows) {
        const child = String(r.child);
        namespaces.set(child, text(r.namespace));
        out.push({
          parent: String(r.parent),
          child,
          transformation: text(r.transformation),
          masking: r.masking === true,
          subtypes: strings(r.subtypes),
          column: {
            name: text(r.name) ?? child.split('#').pop()!,
            dataType: text(r.dataType),
            declaredNotPii: readDeclaration(parseMeta(r.metaJson), strings(r.tags))?.pii === false,
          },
        });
      }
    }
    return out;
  };
  const { reached, levels, stopped } = await propagate(origins, hops);
  for (const r of reached) {
    const ns = namespaces.get(r.column) ?? null;
    if (namespace !== null && ns !== namespace) continue;
    const own = desired.get(findingUrn(r.column, r.category));
    // One finding per (column, category): PII flowing in outranks the column's own detection (the path says where
    // the value comes from; the detection is kept in the reason). Declared columns are never reached.
    if (own?.origin === 'DECLARED') continue;
    const also = own ? `; also detected: ${own.reason}` : '';
    desired.set(
      findingUrn(r.column, r.category),
      findingRow({
        column: r.column, category: r.category, origin: 'PROPAGATED', evidence: r.evidence, namespace: ns,
        reason: `derived from ${r.evidence[0]} in ${r.evidence.length - 1} step(s)${also}`, pseudonymous: false,
      }),
    );
  }
  const propagatedAt = performance.now();

  const write = await writeFindings(exec, namespace, desired, q);
  const done = performance.now();
  const byOrigin = Object.fromEntries(PII_ORIGINS.map((o) => [o, 0])) as Record<PiiOrigin, number>;
  const byCategory: Partial<Record<PiiCategory, number>> = {};
  let pseudonymous = 0;
  for (const f of desired.values()) {
    byOrigin[f.origin]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    if (f.pseudonymous) pseudonymous++;
  }
  return {
    namespace, tablesScanned, columnsScanned, findings: desired.size, byOrigin, byCategory, pseudonymous, ...write, levels, stopped,
    timingsMs: {
      detect: Math.round(detectedAt - began),
      propagate: Math.round(propagatedAt - detectedAt),
      write: Math.round(done - propagatedAt),
      total: Math.round(done - began),
    },
  };
}

/** Writes new and changed findings, deletes stale ones; bumps the graph version when anything changed. */
async function writeFindings(exec: Executor, namespace: string | null, desired: Map<string, FindingRow>, q: QueryContext) {
  const stored = new Map<string, string>();
  for (const r of await exec.read(Q['conformance/list-pii-finding-hashes'], { namespace }, q)) stored.set(String(r.urn), String(r.contentHash));
  const changed = [...desired.values()].filter((f) => stored.get(f.urn) !== f.contentHash);
  const stale = [...stored.keys()].filter((urn) => !desired.has(urn));
  for (let i = 0; i < changed.length; i += WRITE_BATCH) {
    await exec.write(Q['conformance/upsert-pii-findings'], { rows: changed.slice(i, i + WRITE_BATCH) }, q);
  }
  for (let i = 0; i < stale.length; i += WRITE_BATCH) {
    await exec.write(Q['conformance/delete-pii-findings'], { urns: stale.slice(i, i + WRITE_BATCH) }, q);
  }
  if (changed.length > 0 || stale.length > 0) await exec.write(Q['meta/bump-graph-version'], {}, q);
  const created = changed.filter((f) => !stored.has(f.urn)).length;
  return { created, updated: changed.length - created, removed: stale.length, unchanged: desired.size - changed.length };
}
