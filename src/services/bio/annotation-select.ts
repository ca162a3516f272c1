import type { StoredNode } from './keyset-cursor.js';

/**
 * Which annotation of a source is current cannot be decided when a file is mapped (history is kept as separate
 * nodes), so it is decided here: newest source date first (the source's own `updatedAt`), then the newest release
 * by natural version order (`v4.1.0` > `v4.0.0`, `2.1.1` > `2.1`, `10` > `9`), `unknown` last.
 */
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The source's own date of an annotation: sourceUpdatedAt (string updatedAt), else the record's updated_at. */
export function sourceDate(props: Record<string, unknown>): string | null {
  const direct = str(props.sourceUpdatedAt);
  if (direct) return direct;
  if (typeof props.dataJson !== 'string') return null;
  try {
    const data = JSON.parse(props.dataJson) as Record<string, unknown> | null;
    return str(data?.updated_at) ?? str(data?.updatedAt);
  } catch {
    return null;
  }
}

const chunks = (v: string) => v.toLowerCase().match(/\d+|[^\d]+/g) ?? [];

/** Natural order of release strings; 'unknown' (and empty) sort before everything. */
export function compareVersions(a: string | null | undefined, b: string | null | undefined): number {
  const unknown = (v: string | null | undefined) => !v || v.toLowerCase() === 'unknown';
  if (unknown(a) || unknown(b)) return Number(!unknown(a)) - Number(!unknown(b));
  const x = chunks(a!);
  const y = chunks(b!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const d = numeric ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

/** Newest first: source date, then version, then urn (so equal releases order stably). */
export function newestFirst(a: StoredNode, b: StoredNode): number {
  const da = sourceDate(a.props) ?? '';
  const db = sourceDate(b.props) ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return compareVersions(String(b.props.version ?? ''), String(a.props.version ?? '')) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);
}

/** History is per source and item (a ClinVar variant, a publication): one line of releases each. */
const lineOf = (r: StoredNode) => `${String(r.props.source ?? '')}\u0000${String(r.props.sourceItem ?? '')}`;

/**
 * Annotations of one gene as Gene.annotations answers: every release when `allVersions`, else the current one of
 * each source (and item); grouped by source and item, newest first.
 */
export function selectAnnotations(rows: StoredNode[], allVersions: boolean): StoredNode[] {
  const lines = new Map<string, StoredNode[]>();
  for (const r of rows) {
    const list = lines.get(lineOf(r));
    if (list) list.push(r);
    else lines.set(lineOf(r), [r]);
  }
  return [...lines.keys()]
    .sort()
    .flatMap((k) => {
      const ordered = lines.get(k)!.sort(newestFirst);
      return allVersions ? ordered : ordered.slice(0, 1);
    });
}
