import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../../ingest/common/graph-builder.js';
import {
  normalizeStatus,
  statusFromMichigan,
  statusFromNextflow,
  statusFromOpenLineage,
  statusFromWes,
} from '../../../../ingest/common/run-status.js';
import { durationMs, parseTime, toUtcIso } from '../../../../ingest/common/time.js';
import { camelCase, parametersHash, stableJson } from '../../../../ingest/common/values.js';

describe('run status vocabulary', () => {
  it('maps OpenLineage event types', () => {
    expect(['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT'].map(statusFromOpenLineage)).toEqual([
      'running', 'running', 'completed', 'failed', 'cancelled',
    ]);
    expect(statusFromOpenLineage('OTHER')).toBeUndefined();
  });

  it('maps Michigan numeric states', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(statusFromMichigan)).toEqual([
      'queued', 'running', 'completed', 'completed', 'failed', 'cancelled', 'cancelled', 'unknown',
    ]);
  });

  it('maps GA4GH WES states', () => {
    expect(['QUEUED', 'INITIALIZING', 'RUNNING', 'PAUSED', 'COMPLETE', 'EXECUTOR_ERROR', 'SYSTEM_ERROR', 'CANCELED'].map(statusFromWes)).toEqual([
      'queued', 'queued', 'running', 'running', 'completed', 'failed', 'failed', 'cancelled',
    ]);
  });

  it('maps Nextflow task states, CACHED being a completed task', () => {
    expect(['SUBMITTED', 'RUNNING', 'COMPLETED', 'CACHED', 'FAILED', 'ABORTED'].map(statusFromNextflow)).toEqual([
      'queued', 'running', 'completed', 'completed', 'failed', 'cancelled',
    ]);
  });

  it('normalises anything a platform reports', () => {
    expect(normalizeStatus('3')).toBe('completed');
    expect(normalizeStatus(5)).toBe('failed');
    expect(normalizeStatus('EXECUTOR_ERROR')).toBe('failed');
    expect(normalizeStatus('validating')).toBe('pending');
    expect(normalizeStatus('Paused')).toBe('running');
    expect(normalizeStatus('http://schema.org/CompletedActionStatus')).toBe('completed');
    expect(normalizeStatus('FailedActionStatus')).toBe('failed');
    expect(normalizeStatus('in progress')).toBe('running');
    expect(normalizeStatus('whatever')).toBe('unknown');
    expect(normalizeStatus(null)).toBe('unknown');
  });
});

describe('timestamps', () => {
  it('normalises offsets to UTC with six fractional digits', () => {
    expect(toUtcIso('2019-05-06T12:04:20+02:00')).toBe('2019-05-06T10:04:20.000000Z');
    expect(toUtcIso('2022-12-14T21:28:16.899571Z')).toBe('2022-12-14T21:28:16.899571Z');
    expect(toUtcIso('2020-05-09 12:34:02.229')).toBe('2020-05-09T12:34:02.229000Z');
    expect(toUtcIso('2018-10-25T15:46:35.2109731')).toBe('2018-10-25T15:46:35.210973Z');
    expect(toUtcIso('2024-01-01T00:00:00-0530')).toBe('2024-01-01T05:30:00.000000Z');
    expect(toUtcIso(1557137060558)).toBe('2019-05-06T10:04:20.558000Z');
  });

  it('flags times without offset and rejects non-dates', () => {
    expect(parseTime('2021-11-03T10:53:52.427343')?.assumedUtc).toBe(true);
    expect(parseTime('2021-11-03T10:53:52Z')?.assumedUtc).toBe(false);
    expect(toUtcIso('2021-02-30T00:00:00Z')).toBeUndefined();
    expect(toUtcIso('{{ is_datetime(result) }}')).toBeUndefined();
  });

  it('computes durations across offsets', () => {
    expect(durationMs('2019-05-06T12:04:20+02:00', '2019-05-06T10:04:21.5Z')).toBe(1500);
    expect(durationMs('2019-05-06T12:00:00Z', '2019-05-06T11:00:00Z')).toBeUndefined();
  });
});

describe('values', () => {
  it('hashes parameters independently of key order', () => {
    expect(parametersHash({ a: 1, b: [1, { c: 2 }] })).toBe(parametersHash({ b: [1, { c: 2 }], a: 1 }));
    expect(parametersHash({})).toBeUndefined();
    expect(stableJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('camel-cases column names', () => {
    expect(['peak_rss', '%cpu', 'task_id', 'read_bytes'].map(camelCase)).toEqual(['peakRss', 'cpu', 'taskId', 'readBytes']);
  });
});

describe('GraphBuilder', () => {
  it('merges repeated nodes and edges; an owned description beats a reference', () => {
    const b = new GraphBuilder();
    b.reference('urn:x', ['Dataset'], { name: 'ref', a: 1 });
    b.node('urn:x', ['Dataset', 'Extra'], { name: 'owned' });
    b.reference('urn:x', ['Dataset'], { name: 'late ref', z: 2 });
    b.edge('USED', 'urn:r', 'urn:x', { role: 'a' });
    b.edge('USED', 'urn:r', 'urn:x', { time: 't' });
    const g = b.build();
    expect(g.nodes).toEqual([{ urn: 'urn:x', labels: ['Dataset', 'Extra'], props: { name: 'owned', a: 1, z: 2 }, mode: 'upsert' }]);
    expect(g.edges).toEqual([{ type: 'USED', from: 'urn:r', to: 'urn:x', props: { role: 'a', time: 't' } }]);
  });
});
