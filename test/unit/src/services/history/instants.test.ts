import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../../../src/services/lineage/service-context.js';
import { isIngestionRef, namespaceScope, resolveInstant } from '../../../../../src/services/history/instants.js';

// Date-times are parsed without the database: a context that would fail if it were used.
const s = { exec: undefined, query: {} } as unknown as ServiceContext;

describe('asOf instants', () => {
  it('reads ISO 8601 dates and date-times, UTC unless a zone is given', async () => {
    expect(await resolveInstant(s, '2026-12-01T09:30:00Z')).toEqual({ at: '2026-12-01T09:30:00.000Z', ingestion: null });
    expect((await resolveInstant(s, '2026-12-01T09:30:00+02:00')).at).toBe('2026-12-01T07:30:00.000Z');
    expect((await resolveInstant(s, '2026-12-01T09:30')).at).toBe('2026-12-01T09:30:00.000Z');
    expect((await resolveInstant(s, '2026-12-01')).at).toBe('2026-12-01T00:00:00.000Z');
  });

  it('refuses anything else with the reason', async () => {
    for (const bad of ['last tuesday', '2026-13-45T99:00:00Z', '', '12/01/2026']) {
      await expect(resolveInstant(s, bad)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('knows an ingestion id (or its urn) from a date-time', () => {
    expect(isIngestionRef('0b7a4a52-0f5e-4c3b-9f61-0d3c2f0a9e11')).toBe(true);
    expect(isIngestionRef('urn:helix:ingestion:0b7a4a52-0f5e-4c3b-9f61-0d3c2f0a9e11')).toBe(true);
    expect(isIngestionRef('2026-12-01')).toBe(false);
  });

  it('maps a namespace to its dbt scope, refusing what cannot be one', () => {
    expect(namespaceScope('jaffle_shop')).toBe('dbt:jaffle_shop');
    expect(() => namespaceScope('a:b')).toThrow(/letters, digits/);
  });
});
