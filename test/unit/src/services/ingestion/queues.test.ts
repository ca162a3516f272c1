import { describe, expect, it } from 'vitest';
import { HelixError } from '../../../../../src/errors.js';
import { backoffMs, isTransient } from '../../../../../src/ingestion/retry.js';
import { familyOf, parseKinds, QUEUE_FAMILIES } from '../../../../../src/services/ingestion/queues.js';

describe('queue families (`helix worker --kinds`)', () => {
  it('maps every kind to its family and accepts families or kinds', () => {
    expect(familyOf('dbt')).toBe('dbt');
    expect(['hgnc', 'genes', 'uniprot', 'annotations', 'alignments', 'bio'].map(familyOf)).toEqual(Array(6).fill('bio'));
    expect(['strategies', 'imputation', 'rocrate', 'prov', 'nextflow'].map(familyOf)).toEqual(Array(5).fill('provenance'));
    expect(parseKinds('dbt,bio')).toEqual(['dbt', 'bio']);
    expect(parseKinds('hgnc, uniprot')).toEqual(['bio']);
    expect(parseKinds(undefined)).toEqual([...QUEUE_FAMILIES]);
    expect(() => parseKinds('dbt,nope')).toThrow(/unknown kind 'nope'/);
  });
});

describe('retry policy', () => {
  it('retries transient database failures only, with exponential backoff capped at 30 s', () => {
    expect(isTransient(new HelixError('DATABASE_UNAVAILABLE', 'down'))).toBe(true);
    expect(isTransient(new HelixError('TIMEOUT', 'slow'))).toBe(true);
    expect(isTransient(new HelixError('BAD_USER_INPUT', 'bad manifest'))).toBe(false);
    expect(isTransient(new Error('ENOENT'))).toBe(false);
    expect([1, 2, 3].map((n) => backoffMs(n, 500))).toEqual([500, 1000, 2000]);
    expect(backoffMs(20, 500)).toBe(30_000);
  });
});
