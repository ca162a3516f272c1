/**
 * Nextflow trace values are human-formatted unless `trace.raw` is set: durations `1h 10m 5s`, `184ms`, `2.5s`,
 * sizes `35.4 GB`, `727 B`, percentages `130.3%`, and `-` for "not available". With `raw` they are plain
 * numbers (milliseconds, bytes). Each parser returns undefined for `-`/empty and `null` for text it cannot read,
 * so callers can tell "missing" from "malformed".
 */
const MISSING = new Set(['', '-', 'null', 'N/A', 'NA']);

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string | number | null | undefined): number | undefined | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  if (text === null || text === undefined || MISSING.has(text.trim())) return undefined;
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  let total = 0;
  let consumed = '';
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\b\s*/g)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    consumed += m[0];
  }
  return consumed.length === t.length || consumed.trim() === t ? Math.round(total) : null;
}

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5, EB: 1024 ** 6 };

export function parseSize(text: string | number | null | undefined): number | undefined | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  if (text === null || text === undefined || MISSING.has(text.trim())) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTPE]?B)?$/i.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * SIZE_UNITS[(m[2] ?? 'B').toUpperCase()]!);
}

export function parsePercent(text: string | number | null | undefined): number | undefined | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  if (text === null || text === undefined || MISSING.has(text.trim())) return undefined;
  const m = /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export function parseInteger(text: string | number | null | undefined): number | undefined | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  if (text === null || text === undefined || MISSING.has(text.trim())) return undefined;
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

export function isMissing(text: string | null | undefined): boolean {
  return text === null || text === undefined || MISSING.has(text.trim());
}
