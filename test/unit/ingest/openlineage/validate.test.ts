import { describe, expect, it } from 'vitest';
import { detectEventKind, loadFacetSchemas, validateOpenLineageEvent } from '../../../../ingest/openlineage/index.js';
import { fixturePath } from '../../../support/corpus.js';

const schemaDir = fixturePath('provenance/openlineage/schemas');

const base = {
  eventType: 'COMPLETE',
  eventTime: '2024-01-01T00:00:00Z',
  run: { runId: '0190a0b0-0000-7000-8000-000000000001' },
  job: { namespace: 'ns', name: 'job' },
  producer: 'https://example.org/p',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
};

describe('detectEventKind', () => {
  it('uses the last segment of schemaURL, whatever eventType says', () => {
    expect(detectEventKind({ ...base, schemaURL: 'https://openlineage.io/spec/1-0-1/OpenLineage.json#/definitions/JobEvent' })).toBe('JobEvent');
    expect(detectEventKind({ eventTime: 'x', dataset: {}, schemaURL: 'https://x/OpenLineage.json#/$defs/DatasetEvent' })).toBe('DatasetEvent');
  });
  it('falls back to the shape, then to RunEvent', () => {
    expect(detectEventKind({ eventTime: 'x', dataset: { namespace: 'a', name: 'b' } })).toBe('DatasetEvent');
    expect(detectEventKind({ eventTime: 'x', job: { namespace: 'a', name: 'b' } })).toBe('JobEvent');
    expect(detectEventKind({ eventType: 'START', job: {} })).toBe('RunEvent');
    expect(detectEventKind('not an object')).toBe('RunEvent');
  });
});

describe('validateOpenLineageEvent', () => {
  it('accepts a complete RunEvent', () => {
    const r = validateOpenLineageEvent(base, { schemaDir });
    expect(r).toMatchObject({ ok: true, kind: 'RunEvent', errors: [] });
  });

  it('rejects missing required fields with one message per field, as Marquez does', () => {
    const r = validateOpenLineageEvent({ eventType: 'START', run: {}, job: { namespace: 'ns' } }, { schemaDir });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['eventTime is required', 'run.runId is required', 'job.name is required']);
  });

  it('requires run.runId to be a UUID and datasets to have namespace and name', () => {
    const r = validateOpenLineageEvent(
      { ...base, run: { runId: '{{ any(result) }}' }, inputs: [{ namespace: 'a' }], outputs: 'nope' },
      { schemaDir },
    );
    expect(r.errors).toEqual([
      'run.runId must be a UUID, got "{{ any(result) }}"',
      'inputs[0].name is required',
      'outputs must be an array',
    ]);
  });

  it('rejects an unparseable eventTime but only warns about a missing offset', () => {
    expect(validateOpenLineageEvent({ ...base, eventTime: 'yesterday' }, { schemaDir }).errors).toEqual([
      'eventTime must be an ISO-8601 date-time, got "yesterday"',
    ]);
    const r = validateOpenLineageEvent({ ...base, eventTime: '2021-11-03T10:53:52.427343' }, { schemaDir });
    expect(r.ok).toBe(true);
    expect(r.warnings).toContain("eventTime '2021-11-03T10:53:52.427343' has no UTC offset; read as UTC");
  });

  it('validates DatasetEvent and JobEvent by their own requirements', () => {
    const ds = validateOpenLineageEvent({ eventTime: base.eventTime, dataset: { namespace: 'a' }, producer: 'p', schemaURL: 'x#/$defs/DatasetEvent' }, { schemaDir });
    expect(ds).toMatchObject({ kind: 'DatasetEvent', ok: false, errors: ['dataset.name is required'] });
    const job = validateOpenLineageEvent({ eventTime: base.eventTime, job: { namespace: 'a', name: 'b' }, eventType: 'COMPLETE', producer: 'p', schemaURL: 'x#/$defs/JobEvent' }, { schemaDir });
    expect(job).toMatchObject({ kind: 'JobEvent', ok: true });
    expect(job.warnings).toContain('eventType is ignored on a JobEvent');
  });

  it('warns about missing producer and schemaURL instead of rejecting', () => {
    const { producer: _p, schemaURL: _s, ...rest } = base;
    const r = validateOpenLineageEvent(rest, { schemaDir });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(expect.arrayContaining(['producer is missing', 'schemaURL is missing']));
  });

  it('checks facets against the schemas of the given directory: invalid, custom, misplaced, uncompilable', () => {
    const r = validateOpenLineageEvent(
      {
        ...base,
        run: {
          runId: base.run.runId,
          facets: {
            parent: { _producer: 'https://p', _schemaURL: 'https://s', run: { noRunId: 1 }, job: { namespace: 'a', name: 'b' } },
            airflow: { _producer: 'https://p', _schemaURL: 'https://s' },
            schema: { _producer: 'https://p', _schemaURL: 'https://s', fields: [] },
            broken: { _producer: 'https://p', _schemaURL: 'https://s', n: 1 },
          },
        },
      },
      { schemaDir },
    );
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(4);
    expect(r.warnings[0]).toMatch(/^invalid facet run\.facets\.parent: .*runId/);
    expect(r.warnings[1]).toBe('custom facet run.facets.airflow (no schema known)');
    expect(r.warnings[2]).toBe('facet run.facets.schema is a standard facet of dataset, not of run');
    expect(r.warnings[3]).toMatch(/^facet run\.facets\.broken not checked/);
  });

  it('skips facet checks with one warning when no schema directory is available', () => {
    const previous = process.env.HELIX_OPENLINEAGE_SCHEMAS;
    delete process.env.HELIX_OPENLINEAGE_SCHEMAS;
    try {
      const r = validateOpenLineageEvent({ ...base, run: { ...base.run, facets: { x: {} } } });
      expect(r.ok).toBe(true);
      expect(r.warnings.filter((w) => w.startsWith('facet schema checks skipped'))).toHaveLength(1);
    } finally {
      if (previous !== undefined) process.env.HELIX_OPENLINEAGE_SCHEMAS = previous;
    }
  });

  it('reads the schema directory from HELIX_OPENLINEAGE_SCHEMAS by default', () => {
    const previous = process.env.HELIX_OPENLINEAGE_SCHEMAS;
    process.env.HELIX_OPENLINEAGE_SCHEMAS = schemaDir;
    try {
      const r = validateOpenLineageEvent({ ...base, run: { ...base.run, facets: { custom: {} } } });
      expect(r.warnings).toEqual(['custom facet run.facets.custom (no schema known)']);
      expect(loadFacetSchemas()?.loadedFiles.length).toBe(4);
    } finally {
      if (previous === undefined) delete process.env.HELIX_OPENLINEAGE_SCHEMAS;
      else process.env.HELIX_OPENLINEAGE_SCHEMAS = previous;
    }
  });

  it('rejects what is not an object', () => {
    expect(validateOpenLineageEvent(null, { schemaDir })).toMatchObject({ ok: false, errors: ['event must be a JSON object'] });
  });
});
