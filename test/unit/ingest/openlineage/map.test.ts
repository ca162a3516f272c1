import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapOpenLineageEvent, olEventUrn } from '../../../../ingest/openlineage/index.js';
import { datasetPhysicalName } from '../../../../ingest/openlineage/datasets.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, nodesWith, unstorableProps } from '../provenance-helpers.js';

const schemaDir = fixturePath('provenance/openlineage/schemas');
const lines = readFileSync(fixturePath('provenance/openlineage/events.ndjson'), 'utf8').split('\n');
const start = JSON.parse(lines[0]!);
const complete = JSON.parse(lines[1]!);
const cll = JSON.parse(readFileSync(fixturePath('provenance/openlineage/column-lineage-event.json'), 'utf8'));
const RUN = 'urn:ol:run:0190a0b0-0000-7000-8000-000000000001';

describe('mapOpenLineageEvent: runs, jobs, events', () => {
  const g = mapOpenLineageEvent(start, { schemaDir });

  it('maps the run, its job and the raw event keyed by (runId, eventType, eventTime)', () => {
    expect(node(g, 'urn:ol:job:sched:daily.load')).toMatchObject({ labels: ['Job'], props: { name: 'daily.load', namespace: 'sched', kind: 'openlineage' } });
    expect(node(g, RUN).props).toMatchObject({
      runId: '0190a0b0-0000-7000-8000-000000000001',
      status: 'running',
      startedAt: '2024-03-01T10:00:00.000001Z',
      lastEventTime: '2024-03-01T10:00:00.000001Z',
      lastEventType: 'START',
      lastEventRank: 1,
    });
    expect(node(g, RUN).props.endedAt).toBeUndefined();
    const eventUrn = olEventUrn('0190a0b0-0000-7000-8000-000000000001', 'START', '2024-03-01T10:00:00.000001Z');
    const event = node(g, eventUrn);
    expect(event.labels).toEqual(['RunEvent']);
    expect(JSON.parse(event.props.rawJson as string)).toEqual(start);
    expect(event.props).toMatchObject({ eventType: 'START', producer: 'https://example.org/producer/1.0', warnings: [] });
    expect(edges(g, 'OF_RUN', eventUrn, RUN)).toHaveLength(1);
    expect(edges(g, 'INSTANCE_OF', RUN, 'urn:ol:job:sched:daily.load')).toHaveLength(1);
  });

  it('links parent run and job from the ParentRunFacet', () => {
    const parentRun = 'urn:ol:run:0190a0b0-0000-7000-8000-0000000000aa';
    expect(node(g, parentRun).mode).toBe('reference');
    expect(edges(g, 'CHILD_OF', RUN, parentRun)).toHaveLength(1);
    expect(edges(g, 'CHILD_OF', 'urn:ol:job:sched:daily.load', 'urn:ol:job:sched:daily')).toHaveLength(1);
    expect(edges(g, 'INSTANCE_OF', parentRun, 'urn:ol:job:sched:daily')).toHaveLength(1);
  });

  it('associates the run with its producer', () => {
    expect(edges(g, 'WAS_ASSOCIATED_WITH', RUN, 'urn:agent:software:https://example.org/producer/1.0')[0]?.props).toEqual({ role: 'producer' });
  });

  it('normalises a terminal event time to UTC with microseconds', () => {
    const c = mapOpenLineageEvent(complete, { schemaDir });
    expect(node(c, RUN).props).toMatchObject({ status: 'completed', endedAt: '2024-03-01T10:00:05.000000Z', lastEventRank: 3 });
    expect(node(c, RUN).props.startedAt).toBeUndefined();
  });

  it('returns only an error issue for an invalid event', () => {
    const bad = mapOpenLineageEvent({ ...start, run: {} }, { schemaDir, file: 'x.ndjson', line: 3 });
    expect(bad.nodes).toHaveLength(0);
    expect(bad.issues).toEqual([{ severity: 'error', code: 'OL_INVALID_EVENT', message: 'run.runId is required', file: 'x.ndjson', line: 3 }]);
  });

  it('keeps validation warnings on the RunEvent node and as issues', () => {
    const { producer: _p, ...noProducer } = complete;
    const w = mapOpenLineageEvent(noProducer, { schemaDir });
    const event = nodesWith(w, 'RunEvent')[0]!;
    expect(event.props.warnings).toEqual(['producer is missing']);
    expect(w.issues.map((i) => i.code)).toEqual(['OL_EVENT_WARNING']);
  });
});

describe('mapOpenLineageEvent: datasets', () => {
  it('derives the lower-cased physical name of warehouse datasets only', () => {
    expect(datasetPhysicalName('postgres://db:5432', 'Analytics.Public.Raw_Orders')).toBe('analytics.public.raw_orders');
    expect(datasetPhysicalName('bigquery', '`proj`.`ds`.`T`')).toBe('proj.ds.t');
    expect(datasetPhysicalName('gs://bucket', 'path/file.csv')).toBeUndefined();
    expect(datasetPhysicalName('file', '/tmp/x')).toBeUndefined();
  });

  it('creates a Dataset node per input when nothing resolves it', () => {
    const g = mapOpenLineageEvent(start, { schemaDir });
    const ds = node(g, 'urn:ol:dataset:postgres://db:5432:Analytics.Public.Raw_Orders');
    expect(ds.props).toMatchObject({ physicalName: 'analytics.public.raw_orders', namespace: 'postgres://db:5432' });
    expect(edges(g, 'USED', RUN, ds.urn)).toHaveLength(1);
  });

  it('uses the capsule urn that resolveDataset returns, as a reference, for every edge', () => {
    const calls: Array<[string, string, string | undefined]> = [];
    const g = mapOpenLineageEvent(complete, {
      schemaDir,
      resolveDataset: (ns, name, pn) => {
        calls.push([ns, name, pn]);
        return pn === 'analytics.public.orders' ? 'urn:capsule:orders' : undefined;
      },
    });
    expect(calls).toEqual([['postgres://db:5432', 'analytics.public.orders', 'analytics.public.orders']]);
    expect(node(g, 'urn:capsule:orders').mode).toBe('reference');
    expect(nodesWith(g, 'Dataset').map((n) => n.urn)).toEqual(['urn:capsule:orders']);
    expect(edges(g, 'WAS_GENERATED_BY', 'urn:capsule:orders', RUN)).toHaveLength(1);
  });

  it('resolves path datasets through their TABLE symlinks', () => {
    const symlinked = {
      ...start,
      inputs: [
        {
          namespace: 'file',
          name: '/warehouse/t1',
          facets: { symlinks: { _producer: 'https://p', _schemaURL: 'https://s', identifiers: [{ namespace: 'file:/warehouse', name: 'Default.T1', type: 'TABLE' }] } },
        },
      ],
    };
    const plain = mapOpenLineageEvent(symlinked, { schemaDir });
    expect(node(plain, 'urn:ol:dataset:file:/warehouse/t1').props).toMatchObject({ physicalName: 'default.t1', symlinks: ['file:/warehouse:Default.T1'] });
    const resolved = mapOpenLineageEvent(symlinked, { schemaDir, resolveDataset: (_ns, _n, pn) => (pn === 'default.t1' ? 'urn:capsule:t1' : undefined) });
    expect(edges(resolved, 'USED', RUN, 'urn:capsule:t1')).toHaveLength(1);
  });

  it('maps schema fields to Column nodes, nested fields with dotted names', () => {
    const g = mapOpenLineageEvent(cll, { schemaDir });
    const out = 'urn:ol:dataset:snowflake://acct:DB.MART.CUSTOMERS';
    const cols = edges(g, 'HAS_COLUMN', out).map((e) => e.to);
    expect(cols).toEqual(expect.arrayContaining([`${out}#customer_id`, `${out}#address`, `${out}#address.city`]));
    expect(node(g, `${out}#address.city`).props).toMatchObject({ name: 'address.city', dataType: 'VARCHAR', parentColumn: 'address' });
    expect(node(g, `${out}#customer_id`).props).toMatchObject({ ordinal: 1, dataType: 'NUMBER' });
    expect(node(g, 'urn:ol:dataset:snowflake://acct:DB.RAW.CUSTOMERS#name').props.name).toBe('Name');
  });

  it('puts output statistics on the WAS_GENERATED_BY edge and the error message on the run', () => {
    const g = mapOpenLineageEvent(cll, { schemaDir });
    const run = 'urn:ol:run:0190a0b0-0000-7000-8000-000000000003';
    expect(edges(g, 'WAS_GENERATED_BY', undefined, run)[0]?.props).toMatchObject({ rowCount: 42, sizeBytes: 1024 });
    expect(node(g, run).props.error).toBe('partial');
  });
});

describe('mapOpenLineageEvent: column lineage', () => {
  const g = mapOpenLineageEvent(cll, { schemaDir });
  const out = 'urn:ol:dataset:snowflake://acct:DB.MART.CUSTOMERS';
  const raw = 'urn:ol:dataset:snowflake://acct:DB.RAW.CUSTOMERS';

  it('maps DIRECT transformations to DERIVED_FROM with identity/expression/aggregation', () => {
    expect(edges(g, 'DERIVED_FROM', `${out}#customer_id`, `${raw}#id`)[0]?.props).toMatchObject({ transformation: 'identity' });
    expect(edges(g, 'DERIVED_FROM', `${out}#name_upper`, `${raw}#name`)[0]?.props).toMatchObject({ transformation: 'expression', description: 'upper(name)' });
    expect(edges(g, 'DERIVED_FROM', `${out}#n`)[0]?.props).toMatchObject({ transformation: 'aggregation' });
    expect(edges(g, 'DERIVED_FROM', `${out}#legacy`, `${raw}#id`)[0]?.props).toMatchObject({ transformation: 'identity' });
    expect(edges(g, 'DERIVED_FROM')).toHaveLength(4);
  });

  it('maps INDIRECT transformations and dataset-wide dependencies to DEPENDS_ON', () => {
    expect(edges(g, 'DEPENDS_ON', `${out}#customer_id`, `${raw}#id`)[0]?.props).toEqual({ subtypes: ['FILTER'] });
    expect(edges(g, 'DEPENDS_ON', out, `${raw}#name`)[0]?.props).toEqual({ subtypes: ['SORT'] });
  });

  it('references datasets that only column lineage names', () => {
    const orders = node(g, 'urn:ol:dataset:snowflake://acct:DB.RAW.ORDERS');
    expect(orders.mode).toBe('reference');
    expect(orders.props.physicalName).toBe('db.raw.orders');
    expect(node(g, 'urn:ol:dataset:snowflake://acct:DB.RAW.ORDERS#id').mode).toBe('reference');
  });

  it('links columns of resolved capsules as references under the capsule urn', () => {
    const r = mapOpenLineageEvent(cll, { schemaDir, resolveDataset: (_ns, _n, pn) => (pn ? `urn:capsule:${pn}` : undefined) });
    expect(edges(r, 'DERIVED_FROM', 'urn:capsule:db.mart.customers#customer_id', 'urn:capsule:db.raw.customers#id')).toHaveLength(1);
    expect(node(r, 'urn:capsule:db.raw.customers#id').mode).toBe('reference');
    expect(edges(r, 'HAS_COLUMN', 'urn:capsule:db.raw.customers', 'urn:capsule:db.raw.customers#id')).toHaveLength(1);
    expect(nodesWith(r, 'Dataset').every((n) => n.mode === 'reference')).toBe(true);
  });

  it('emits a consistent graph: no dangling edges, only storable props', () => {
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorableProps(g)).toEqual([]);
  });
});

describe('mapOpenLineageEvent: other event kinds', () => {
  it('maps a DatasetEvent to its dataset only', () => {
    const g = mapOpenLineageEvent(
      { eventTime: '2024-01-01T00:00:00Z', dataset: { namespace: 'pg', name: 'a.b.c', facets: { schema: { _producer: 'https://p', _schemaURL: 'https://s', fields: [{ name: 'x' }] } } }, producer: 'https://p', schemaURL: 'https://x#/$defs/DatasetEvent' },
      { schemaDir },
    );
    expect(g.nodes.map((n) => n.labels[0]).sort()).toEqual(['Column', 'Dataset']);
  });

  it('maps a JobEvent to static lineage of the job', () => {
    const g = mapOpenLineageEvent(
      { eventTime: '2024-01-01T00:00:00Z', job: { namespace: 'n', name: 'j' }, inputs: [{ namespace: 'pg', name: 'a.b.in' }], outputs: [{ namespace: 'pg', name: 'a.b.out' }], producer: 'https://p', schemaURL: 'https://x#/$defs/JobEvent' },
      { schemaDir },
    );
    expect(nodesWith(g, 'Run')).toHaveLength(0);
    expect(edges(g, 'USED', 'urn:ol:job:n:j')[0]?.props).toEqual({ static: true });
    expect(edges(g, 'WAS_GENERATED_BY', undefined, 'urn:ol:job:n:j')).toHaveLength(1);
  });
});
