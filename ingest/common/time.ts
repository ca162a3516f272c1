/**
 * Timestamps are stored as UTC ISO-8601 strings with exactly six fractional digits
 * (`2022-12-14T21:28:16.899571Z`), so string order is time order and microseconds survive — the writer compares
 * `lastEventTime` strings to make out-of-order events converge.
 */
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ParsedTime {
  iso: string;
  /** Milliseconds since the epoch (fraction below a millisecond dropped). */
  epochMs: number;
  /** The text carried no offset and was read as UTC. */
  assumedUtc: boolean;
}

export function parseTime(raw: unknown): ParsedTime | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    // Epoch seconds or milliseconds, as some APIs report.
    const ms = raw < 1e11 ? raw * 1000 : raw;
    return fromEpoch(ms);
  }
  if (typeof raw !== 'string') return undefined;
  const m = ISO_RE.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', offset] = m;
  const fraction = (frac + '000000').slice(0, 6);
  let offsetMinutes = 0;
  if (offset && offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(base)) return undefined;
  const utcMs = base - offsetMinutes * 60_000;
  const check = new Date(base);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  const iso = `${new Date(utcMs).toISOString().slice(0, 19)}.${fraction}Z`;
  return { iso, epochMs: utcMs + Math.floor(Number(fraction) / 1000), assumedUtc: offset === undefined };
}

function fromEpoch(ms: number): ParsedTime | undefined {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const iso = `${date.toISOString().slice(0, 23)}000Z`;
  return { iso, epochMs: date.getTime(), assumedUtc: false };
}

export function toUtcIso(raw: unknown): string | undefined {
  return parseTime(raw)?.iso;
}

export function durationMs(start: unknown, end: unknown): number | undefined {
  const a = parseTime(start);
  const b = parseTime(end);
  if (!a || !b) return undefined;
  const diff = b.epochMs - a.epochMs;
  return diff >= 0 ? diff : undefined;
}

export function minIso(values: Array<string | undefined>): string | undefined {
  return values.filter((v): v is string => v !== undefined).sort()[0];
}

export function maxIso(values: Array<string | undefined>): string | undefined {
  const sorted = values.filter((v): v is string => v !== undefined).sort();
  return sorted[sorted.length - 1];
}
