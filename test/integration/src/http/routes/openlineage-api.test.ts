import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { fixturePath } from '../../../../support/corpus.js';
import { helixServerPerTest } from '../../../../support/http-server.js';
import { runEvent } from '../../../../support/openlineage-event.js';

let helix: HelixContext;
let base: string;
helixServerPerTest((h, b) => ((helix = h), (base = b)));

const post = (body: unknown) =>
  fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const event = (runId: string, eventType: string, eventTime: string, extra: Record<string, unknown> = {}) =>
  runEvent({ eventType, eventTime, run: { runId }, ...extra });

const q = (text: string, params: Record<string, unknown> = {}) => helix.exec.runText(text, params, 'READ');
const snapshot = async () =>
  (await q('MATCH (n:Node) WHERE NOT n:Ingestion OPTIONAL MATCH (n)-[r]->(m) RETURN n.urn AS u, n.contentHash AS h, count(r) AS out ORDER BY u')).map((r) => JSON.stringify(r));

describe('POST /api/v1/lineage (Marquez-compatible)', () => {
  it('stores a RunEvent (201) and rejects events missing what OpenLineage requires (400, with the reason)', async () => {
    const ok = await post(event(randomUUID(), 'START', '2024-05-01T10:00:00Z'));
    expect(ok.status).toBe(201);
    const noRun = await post({ ...event(randomUUID(), 'START', '2024-05-01T10:00:00Z'), run: {} });
    expect(noRun.status).toBe(400);
    expect((await noRun.json()).message).toMatch(/runId/);
    const noJob = await post({ eventTime: '2024-05-01T10:00:00Z', run: { runId: randomUUID() }, eventType: 'START' });
    expect(noJob.status).toBe(400);
    expect((await noJob.json()).message).toMatch(/job/);
    const noTime = await post({ ...event(randomUUID(), 'START', '2024-05-01T10:00:00Z'), eventTime: undefined });
    expect(noTime.status).toBe(400);
    expect((await post('{ not json')).status).toBe(400);
    const [runs] = await q('MATCH (r:Run) RETURN count(r) AS n');
    expect(runs?.n).toBe(1);
  });

  it('ends in the same run state whatever order events arrive in, and replaying changes nothing', async () => {
    const runId = randomUUID();
    const start = event(runId, 'START', '2024-05-01T10:00:00Z');
    const complete = event(runId, 'COMPLETE', '2024-05-01T10:05:00Z');
    expect((await post(complete)).status).toBe(201);
    expect((await post(start)).status).toBe(201);
    const [run] = await q('MATCH (r:Run {runId: $runId}) RETURN r.status AS status, r.startedAt AS s, r.endedAt AS e, r.durationMs AS d', { runId });
    expect(run).toMatchObject({ status: 'completed', d: 300_000 });
    expect(String(run?.s)).toMatch(/^2024-05-01T10:00:00/);
    const before = await snapshot();
    await post(start);
    await post(complete);
    expect(await snapshot()).toEqual(before);
    const [events] = await q('MATCH (e:RunEvent)-[:OF_RUN]->(:Run {runId: $runId}) RETURN count(e) AS n', { runId });
    expect(events?.n).toBe(2);
  });

  it('joins an OpenLineage dataset to the dbt capsule of the same physical table instead of duplicating it', async () => {
    await runDbtIngest(helix.exec, fixturePath('dbt/v12-shop'), {});
    const [capsule] = await q("MATCH (c:Capsule:Model) WHERE c.physicalName IS NOT NULL AND c.reference IS NULL RETURN c.urn AS urn, c.physicalName AS p ORDER BY c.urn LIMIT 1");
    expect(capsule).toBeDefined();
    // Snowflake's OpenLineage integration names tables upper-case and unquoted; dbt's relation_name is quoted.
    const name = String(capsule!.p).toUpperCase();
    const runId = randomUUID();
    const res = await post(event(runId, 'COMPLETE', '2024-05-01T11:00:00Z', { outputs: [{ namespace: 'snowflake://acme-xy12345', name }], inputs: [] }));
    expect(res.status).toBe(201);
    const [joined] = await q('MATCH (c:Capsule {urn: $urn})-[:WAS_GENERATED_BY]->(r:Run {runId: $runId}) RETURN count(*) AS n', { urn: capsule!.urn, runId });
    expect(joined?.n).toBe(1);
    const [dupes] = await q('MATCH (d:Dataset {physicalName: $p}) RETURN count(d) AS n', { p: capsule!.p });
    expect(dupes?.n).toBe(0);
  });
});
