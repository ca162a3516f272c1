import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bioRunner } from '../../../../../src/ingestion/bio.js';
import { runProvIngest } from '../../../../../src/ingestion/provenance.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { subscriberCount } from '../../../../../src/graphql/pubsub.js';
import { openLineageRoute } from '../../../../../src/http/routes/openlineage.js';
import { createHttpServer } from '../../../../../src/http/server.js';
import { fixturePath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { subscribe, until, type SseSubscription } from './sse.js';

let helix: HelixContext;
let server: Server;
let base: string;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  server = createHttpServer(helix, [openLineageRoute(helix)]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await helix?.close();
});

const runEvent = (runId: string, job: string, eventType: string, minute: number) => ({
  eventType,
  eventTime: `2024-12-01T10:${String(minute).padStart(2, '0')}:00Z`,
  run: { runId },
  job: { namespace: 'sse', name: job },
  inputs: [{ namespace: 'file', name: `/sse/${job}/in.csv` }],
  producer: 'https://example.org/helix-tests',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
});

async function post(event: unknown): Promise<void> {
  const res = await fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
  expect(res.status).toBe(201);
}

/** Opens subscriptions and waits until the server listens for them (events published before would be lost). */
async function open(topic: 'runUpdated' | 'ingestionProgress', queries: Array<[string, Record<string, unknown>?]>): Promise<SseSubscription[]> {
  const before = subscriberCount(topic);
  const subs = await Promise.all(queries.map(([q, v]) => subscribe(`${base}/graphql`, q, v)));
  await until(() => subscriberCount(topic) >= before + subs.length);
  return subs;
}

const RUN_X = '0190d0e0-0000-7000-8000-0000000000a1';
const RUN_Y = '0190d0e0-0000-7000-8000-0000000000b2';
const RUN_Z = '0190d0e0-0000-7000-8000-0000000000c3';

describe('runUpdated over SSE', () => {
  it('announces each change OpenLineage events make to a run, filtered by job and status, never a replay', async () => {
    const [byJob, failures] = await open('runUpdated', [
      ['subscription { runUpdated(filter: {job: "urn:ol:job:sse:sse_job"}) { urn runId status job { name } inputs { urn } } }'],
      ['subscription($s: [RunStatus!]) { runUpdated(filter: {status: $s}) { urn status job { name } } }', { s: ['FAILED'] }],
    ]);
    try {
      await post(runEvent(RUN_X, 'sse_job', 'START', 0));
      const started = (await byJob!.next()).data.runUpdated;
      expect(started).toEqual({ urn: `urn:ol:run:${RUN_X}`, runId: RUN_X, status: 'RUNNING', job: { name: 'sse_job' }, inputs: [{ urn: 'urn:ol:dataset:file:/sse/sse_job/in.csv' }] });

      await post(runEvent(RUN_X, 'sse_job', 'COMPLETE', 5));
      expect((await byJob!.next()).data.runUpdated).toMatchObject({ urn: `urn:ol:run:${RUN_X}`, status: 'COMPLETED' });

      await post(runEvent(RUN_X, 'sse_job', 'COMPLETE', 5));
      await post(runEvent(RUN_Y, 'sse_job', 'FAIL', 6));
      expect((await byJob!.next()).data.runUpdated).toMatchObject({ urn: `urn:ol:run:${RUN_Y}`, status: 'FAILED' });
      expect((await failures!.next()).data.runUpdated).toEqual({ urn: `urn:ol:run:${RUN_Y}`, status: 'FAILED', job: { name: 'sse_job' } });

      await post(runEvent(RUN_Z, 'other_job', 'START', 7));
      await post(runEvent(RUN_Z, 'other_job', 'FAIL', 8));
      expect((await failures!.next()).data.runUpdated).toEqual({ urn: `urn:ol:run:${RUN_Z}`, status: 'FAILED', job: { name: 'other_job' } });
      expect(byJob!.pending()).toBe(0);
      expect(failures!.pending()).toBe(0);
    } finally {
      byJob!.close();
      failures!.close();
    }
    await until(() => subscriberCount('runUpdated') === 0);
  });

  it('answers a malformed filter with BAD_USER_INPUT on the stream', async () => {
    const sub = await subscribe(`${base}/graphql`, 'subscription($j: String) { runUpdated(filter: {job: $j}) { urn } }', { j: 'x'.repeat(3000) });
    try {
      const first = await sub.next();
      expect(first.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    } finally {
      sub.close();
    }
  });
});

const PROGRESS = `subscription($id: ID) {
  ingestionProgress(id: $id) { id urn kind status position progress durationMs error at ingestion { kind status position } }
}`;

async function untilFinished(sub: SseSubscription): Promise<any[]> {
  const events: any[] = [];
  for (;;) {
    const e = (await sub.next(60_000)).data.ingestionProgress;
    events.push(e);
    if (e.status !== 'running') return events;
  }
}

describe('ingestionProgress over SSE', () => {
  it('streams the checkpoints and the end of an ingestion, and of one ingestion when asked by id', async () => {
    const [every, other] = await open('ingestionProgress', [[PROGRESS], [PROGRESS, { id: 'no-such-ingestion' }]]);
    try {
      const report = await bioRunner('genes', 'genes')(helix.exec, fixturePath('bio/genes'), {});
      const events = await untilFinished(every!);
      expect(events.every((e) => e.id === report.id && e.urn === report.urn)).toBe(true);
      const running = events.filter((e) => e.status === 'running');
      expect(running.length).toBeGreaterThan(0);
      const positions = running.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions.at(-1)).toBe(report.stats.records);
      const last = events.at(-1);
      expect(last).toMatchObject({ status: 'completed', kind: 'genes', error: null, ingestion: { kind: 'genes', status: 'completed' } });
      expect(last.progress.stats.files).toBe(report.stats.files);
      expect(Date.parse(last.at)).toBeGreaterThan(0);

      const [one] = await open('ingestionProgress', [[PROGRESS, { id: report.urn }]]);
      try {
        const resumed = await bioRunner('genes', 'genes')(helix.exec, fixturePath('bio/genes'), { resume: report.id });
        expect(resumed.id).toBe(report.id);
        const again = await untilFinished(one!);
        expect(again.every((e) => e.id === report.id)).toBe(true);
        expect(again.at(-1).status).toBe('completed');
        await untilFinished(every!);
        expect(other!.pending()).toBe(0);
      } finally {
        one!.close();
      }
    } finally {
      every!.close();
      other!.close();
    }
    await until(() => subscriberCount('ingestionProgress') === 0);
  });

  it('streams one checkpoint per document of a provenance ingestion before its end', async () => {
    const [every] = await open('ingestionProgress', [[PROGRESS]]);
    try {
      const report = await runProvIngest(helix.exec, fixturePath('provenance/prov'), {});
      const events = await untilFinished(every!);
      const running = events.filter((e) => e.status === 'running');
      expect(running.map((e) => e.progress.filesDone)).toEqual(Array.from({ length: report.stats.files! }, (_, i) => i + 1));
      expect(running.every((e) => e.progress.files === report.stats.files)).toBe(true);
      expect(events.at(-1)).toMatchObject({ status: 'completed', kind: 'prov' });
    } finally {
      every!.close();
    }
    await until(() => subscriberCount('ingestionProgress') === 0);
  });
});
