import { badInput } from '../../errors.js';

/**
 * A time argument as stored run times are written (UTC, six fractional digits), so string comparison is time
 * comparison. Anything Date can parse with an offset or a Z is accepted; a bare date is midnight UTC.
 */
export function storedInstant(name: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const t = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(t);
  const ms = Date.parse(dateOnly ? `${t}T00:00:00Z` : t);
  if (Number.isNaN(ms) || (!dateOnly && !/(Z|[+-]\d{2}:?\d{2})$/i.test(t))) {
    throw badInput(`${name} must be an ISO-8601 date-time with an offset (got '${value}')`, { argument: name });
  }
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
