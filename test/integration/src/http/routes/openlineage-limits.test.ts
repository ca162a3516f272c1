import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { helixServerPerTest } from '../../../../support/http-server.js';
import { runEvent } from '../../../../support/openlineage-event.js';

// Security review of #12, finding 4: bad OpenLineage input answered 500 and committed part of a batch.
let helix: HelixContext;
let base: string;
helixServerPerTest((h, b) => ((helix = h), (base = b)));

const post = (body: unknown) => fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const event = runEvent;
const count = async (label: string) => Number((await helix.exec.runText(`MATCH (n:${label}) RETURN count(n) AS n`, {}, 'READ'))[0]!.n);

describe('POST /api/v1/lineage refuses what it cannot store, with reasons and without writing', () => {
  it('facets nested 5,000 deep: 400 naming the depth, nothing written', async () => {
    // Built as text: the test's own JSON.stringify would overflow on the object.
    const deep = '{"nested":'.repeat(5000) + '{"leaf":1}' + '}'.repeat(5000);
    const text = JSON.stringify(event({ run: { runId: randomUUID(), facets: { custom: { _producer: 'x', _schemaURL: 'x', deep: 'DEEP' } } } })).replace('"DEEP"', deep);
    const res = await fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/nested deeper than 500 levels/);
    expect(await count('Node')).toBe(0);
  });

  it.each([
    ['job name', { job: { namespace: 'etl', name: 'j'.repeat(8200) } }, /job\.name is 8200 bytes long \(at most 4096\)/],
    ['dataset name', { outputs: [{ namespace: 'pg', name: 'd'.repeat(8200) }] }, /outputs\[0\]\.name is 8200 bytes/],
    ['namespace', { job: { namespace: 'n'.repeat(8200), name: 'j' } }, /job\.namespace is 8200 bytes long \(at most 1024\)/],
  ])('a %s of 8,200 characters: 400, nothing written', async (_what, extra, message) => {
    const res = await post(event(extra));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(message);
    expect(await count('Node')).toBe(0);
  });

  it('a batch of 400 good events and one oversized one: the good ones stored, the bad one reported by index (201, no 500)', async () => {
    const good = Array.from({ length: 400 }, (_, i) => event({ job: { namespace: 'etl', name: `job_${i}` } }));
    const res = await post([...good, event({ job: { namespace: 'etl', name: 'x'.repeat(9000) } })]);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.accepted).toBe(400);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].index).toBe(400);
    expect(body.rejected[0].errors[0]).toMatch(/job\.name is 9000 bytes/);
    expect(await count('RunEvent')).toBe(400);
    expect(await count('Run')).toBe(400);
    expect(await count('Job')).toBe(400);
  });

  it('a body over 10 MB: 413 with a clear message, nothing written', async () => {
    const res = await fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([event({ padding: 'x'.repeat(11 * 1024 * 1024) })]) });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/larger than 10485760 bytes: send fewer events per request/);
    expect(await count('Node')).toBe(0);
  });
});
