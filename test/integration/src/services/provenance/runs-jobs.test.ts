import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { fixturePath } from '../../../../support/corpus.js';
import { allPages, cypher, errorCodes, graphqlClient, strictClient } from '../bio/helpers.js';
import { openProvenanceGraph } from './setup.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;

beforeAll(async () => ({ helix, gql, raw } = await openProvenanceGraph()), 300_000);
afterAll(async () => helix?.close());

const RUNS = `query($f: RunFilter, $after: String, $first: Int) {
  runs(filter: $f, first: $first, after: $after) { totalCount nodes { urn type kind status startedAt } pageInfo { hasNextPage endCursor } }
}`;
const everyRun = (filter: Record<string, unknown> | null) =>
  allPages(async (after) => (await gql(RUNS, { f: filter, after, first: 4 })).runs as { nodes: Array<{ urn: string; startedAt: string | null }>; pageInfo: any });
const total = async (filter: Record<string, unknown> | null) => (await gql(RUNS, { f: filter, after: null, first: 0 })).runs.totalCount as number;
const urns = (rows: Array<Record<string, unknown>>) => rows.map((r) => String(r.urn));

/** Stored runs, newest first as the API orders them (no start time last, then by urn). */
async function storedRuns(where: string, params: Record<string, unknown> = {}) {
  const rows = await cypher(helix, `MATCH (r:Run) WHERE ${where} RETURN r.urn AS urn, coalesce(r.startedAt, '') AS s`, params);
  return rows.sort((a, b) => (a.s === b.s ? (String(a.urn) < String(b.urn) ? -1 : 1) : String(a.s) < String(b.s) ? 1 : -1));
}

describe('runs(filter, first, after)', () => {
  it('pages through every top-level run once, newest first; step runs only when asked', async () => {
    const expected = await storedRuns('NOT r:StepRun');
    expect(expected.length).toBeGreaterThan(10);
    expect((await everyRun(null)).map((r) => r.urn)).toEqual(urns(expected));
    expect(await total(null)).toBe(expected.length);
    const withSteps = await storedRuns('true');
    expect((await everyRun({ includeSteps: true })).map((r) => r.urn)).toEqual(urns(withSteps));
  });

  it('filters by kind (dbt invocations are kind dbt), status, start time, job and agent', async () => {
    const kinds = await cypher(helix, "MATCH (r:Run) WHERE NOT r:StepRun RETURN coalesce(r.kind, CASE WHEN r:Invocation THEN 'dbt' END) AS k, count(*) AS n");
    for (const { k, n } of kinds.filter((x) => x.k !== null)) expect(await total({ kind: String(k).toUpperCase() })).toBe(n);
    expect((await everyRun({ kind: 'dbt' })).every((r: any) => r.type === 'Invocation')).toBe(true);

    const completed = await storedRuns("NOT r:StepRun AND r.status IN ['completed', 'success']");
    expect((await everyRun({ status: ['COMPLETED'] })).map((r) => r.urn)).toEqual(urns(completed));
    const failedOrRunning = await storedRuns("NOT r:StepRun AND r.status IN ['failed', 'error', 'fail', 'running']");
    expect((await everyRun({ status: ['FAILED', 'RUNNING'] })).map((r) => r.urn)).toEqual(urns(failedOrRunning));
    const unknown = await storedRuns("NOT r:StepRun AND (r.status IS NULL OR r.status = 'unknown')");
    expect(await total({ status: 'UNKNOWN' })).toBe(unknown.length);

    const window = await storedRuns("NOT r:StepRun AND r.startedAt >= '2024-03-01' AND r.startedAt < '2024-06-02'");
    expect(window.length).toBeGreaterThan(1);
    const inWindow = await everyRun({ startedAfter: '2024-03-01T00:00:00Z', startedBefore: '2024-06-02' });
    expect(inWindow.map((r) => r.urn)).toEqual(urns(window));

    const ofJob = await storedRuns("EXISTS { (r)-[:INSTANCE_OF]->(:Job {name: 'daily.load'}) }");
    expect((await everyRun({ job: 'daily.load' })).map((r) => r.urn)).toEqual(urns(ofJob));
    expect((await everyRun({ job: 'urn:ol:job:sched:daily.load' })).map((r) => r.urn)).toEqual(urns(ofJob));

    const [service] = await cypher(helix, "MATCH (a:Agent {kind: 'service'})<-[:WAS_ASSOCIATED_WITH]-(:Run) RETURN a.urn AS urn, a.name AS name LIMIT 1");
    const byAgent = await storedRuns('NOT r:StepRun AND EXISTS { (r)-[:WAS_ASSOCIATED_WITH]->(:Agent {urn: $a}) }', { a: service!.urn });
    expect((await everyRun({ agent: service!.urn })).map((r) => r.urn)).toEqual(urns(byAgent));
    expect((await everyRun({ agent: service!.name })).map((r) => r.urn)).toEqual(urns(byAgent));
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    expect(await errorCodes(raw(RUNS, { f: { startedAfter: 'yesterday' }, after: null, first: 5 }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(RUNS, { f: { startedAfter: '2024-02-01T00:00:00Z', startedBefore: '2024-01-01T00:00:00Z' }, after: null, first: 5 }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(RUNS, { f: null, after: null, first: -2 }))).toEqual(['BAD_USER_INPUT']);
    const genesCursor = Buffer.from(JSON.stringify({ k: 'genes', p: ['HGNC:1'] })).toString('base64url');
    expect(await errorCodes(raw(RUNS, { f: null, after: genesCursor, first: 5 }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(RUNS, { f: { status: ['DONE'] }, after: null, first: 5 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('run(id)', () => {
  it('finds a run by urn or by the id its source gives it', async () => {
    const cases: Array<[string, string]> = [
      ['0190a0b0-0000-7000-8000-000000000001', 'urn:ol:run:0190a0b0-0000-7000-8000-000000000001'],
      ['urn:ol:run:0190a0b0-0000-7000-8000-000000000001', 'urn:ol:run:0190a0b0-0000-7000-8000-000000000001'],
      ['inv-run-1', 'urn:dbt:invocation:inv-run-1'],
      ['7b1a2c3d-0000-4000-8000-000000000001', 'urn:strategy-run:7b1a2c3d-0000-4000-8000-000000000001'],
      ['job-1', 'urn:imputation:job:job-1'],
      ['messages', 'urn:nextflow:run:messages'],
    ];
    for (const [id, urn] of cases) expect((await gql('query($id: ID!) { run(id: $id) { urn } }', { id })).run, id).toEqual({ urn });
    expect((await gql('{ run(id: "no-such-run") { urn } }')).run).toBeNull();
    expect(await errorCodes(raw('{ run(id: " ") { urn } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers a strategy run with its job, steps in order, outputs, agents and provenance records', async () => {
    const jobs = JSON.parse(readFileSync(fixturePath('provenance/strategies/jobs.json'), 'utf8'));
    const job = jobs.jobs[0];
    const steps = jobs.execution_steps.filter((s: any) => s.job_id === job.id).sort((a: any, b: any) => a.step_index - b.step_index);
    const data = await gql(`query($id: ID!) { run(id: $id) {
      type kind status rawStatus startedAt endedAt durationMs parameters isStep
      job { urn name version kind runCount latestRun { urn } steps { name position } }
      steps { type isStep name position status error durationMs step { name job { name } } run { urn } }
      outputs { urn type name derived static }
      agents { role agent { kind name } }
      provenanceRecords { action source }
    } }`, { id: job.id });
    const run = data.run;
    expect(run).toMatchObject({ type: 'Run', kind: 'strategy', status: 'COMPLETED', rawStatus: job.status, isStep: false, parameters: JSON.parse(job.input_parameters) });
    expect(Date.parse(run.endedAt) - Date.parse(run.startedAt)).toBe(Date.parse(job.completed_at) - Date.parse(job.started_at));
    expect(run.durationMs).toBe(Date.parse(job.completed_at) - Date.parse(job.started_at));
    expect(run.job).toMatchObject({ name: job.strategy_name, version: job.strategy_version, kind: 'strategy', runCount: 1, latestRun: { urn: `urn:strategy-run:${job.id}` } });
    expect(run.steps.map((s: any) => [s.name, s.position, s.status, s.error])).toEqual(
      steps.map((s: any) => [s.step_name, s.step_index, s.status.toUpperCase(), s.error_message ?? null]),
    );
    for (const s of run.steps) expect(s).toMatchObject({ type: 'StepRun', isStep: true, step: { name: s.name, job: { name: job.strategy_name } }, run: { urn: `urn:strategy-run:${job.id}` } });
    const stored = jobs.result_storage.filter((r: any) => r.job_id === job.id);
    expect(run.outputs.map((o: any) => o.urn)).toEqual(stored.map((r: any) => `urn:file:${r.sha256}`));
    expect(run.outputs.every((o: any) => o.type === 'File' && !o.derived && !o.static)).toBe(true);
    expect(run.agents).toEqual([{ role: 'submitter', agent: { kind: 'user', name: job.user_id } }]);
    expect(run.provenanceRecords.map((p: any) => p.action).sort()).toEqual(job.final_results.provenance.map((p: any) => p.action).sort());
  });

  it('answers an imputation job with its status timeline, inputs, outputs and service', async () => {
    const sql = readFileSync(fixturePath('provenance/imputation/jobs.sql'), 'utf8');
    const block = /COPY public\.job_status_updates \((.*)\) FROM stdin;\n([\s\S]*?)\n\\\./.exec(sql)!;
    const cols = block[1]!.split(', ').map((c) => c.replace(/"/g, ''));
    const updates = block[2]!.split('\n').map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v]))).filter((u) => u.job_id === 'job-1');
    const data = await gql(`{ run(id: "job-1") {
      status kind job { name attributedTo { kind } }
      statusUpdates { status rawStatus message progressPercentage timestamp details }
      inputs { type role node { ... on ReferencePanel { name usedBy { urn } } ... on File { name } } }
      outputs { type node { ... on File { generatedBy { urn } } } }
      agents { role agent { kind } }
    } }`);
    const run = data.run;
    expect(run.statusUpdates.map((u: any) => u.message)).toEqual([...updates].sort((a, b) => a.timestamp!.localeCompare(b.timestamp!) || Number(a.id) - Number(b.id)).map((u) => u.message));
    expect(run.statusUpdates.map((u: any) => u.rawStatus)).toEqual(run.statusUpdates.map((u: any) => u.status.toLowerCase()));
    expect(run.statusUpdates.at(-1).details).toEqual(expect.any(Object));
    expect(run.inputs.map((i: any) => i.role).sort()).toEqual(['input', 'referencePanel']);
    const panel = run.inputs.find((i: any) => i.type === 'ReferencePanel').node;
    expect(panel.usedBy.map((r: any) => r.urn)).toContain('urn:imputation:job:job-1');
    expect(run.outputs[0].node.generatedBy).toEqual([{ urn: 'urn:imputation:job:job-1' }]);
    expect(run.agents.map((a: any) => a.role).sort()).toEqual(['service', 'submitter']);
  });

  it('answers an OpenLineage run with its parent, job, datasets, events and facets', async () => {
    const data = await gql(`{ run(id: "0190a0b0-0000-7000-8000-000000000001") {
      status kind job { urn namespace name } facets lastEventType
      parent { urn children { urn } job { name } }
      inputs { urn node { ... on Dataset { name namespace usedBy { urn } newest: usedBy(first: 1) { urn } } } }
      outputs { urn node { ... on Dataset { generatedBy { urn } } } }
      events { eventType eventTime producer raw }
    } }`);
    const run = data.run;
    const events = readFileSync(fixturePath('provenance/openlineage/events.ndjson'), 'utf8').split('\n').flatMap((l) => {
      try {
        const e = JSON.parse(l);
        return e.run?.runId === '0190a0b0-0000-7000-8000-000000000001' ? [e] : [];
      } catch {
        return [];
      }
    });
    expect(run.kind).toBe('openlineage');
    expect(run.job).toEqual({ urn: 'urn:ol:job:sched:daily.load', namespace: 'sched', name: 'daily.load' });
    const parentFacet = events.find((e) => e.run.facets?.parent)!.run.facets.parent;
    expect(run.parent.urn).toBe(`urn:ol:run:${parentFacet.run.runId}`);
    expect(run.parent.children.map((c: any) => c.urn)).toContain('urn:ol:run:0190a0b0-0000-7000-8000-000000000001');
    expect(run.facets.parent.run.runId).toBe(parentFacet.run.runId);
    expect(run.events.map((e: any) => e.eventType).sort()).toEqual(events.map((e) => e.eventType).sort());
    expect(run.events.map((e: any) => e.eventTime)).toEqual([...run.events.map((e: any) => e.eventTime)].sort());
    expect(run.inputs[0].node.usedBy.map((r: any) => r.urn)).toContain('urn:ol:run:0190a0b0-0000-7000-8000-000000000001');
    expect(run.inputs[0].node.newest).toEqual(run.inputs[0].node.usedBy.slice(0, 1));
    expect(run.outputs[0].node.generatedBy.map((r: any) => r.urn)).toContain('urn:ol:run:0190a0b0-0000-7000-8000-000000000001');
  });

  it('answers a Nextflow trace run with one step run per trace row and a dbt invocation with what it built', async () => {
    const rows = readFileSync(fixturePath('provenance/nextflow/trace.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const [trace] = await cypher(helix, "MATCH (t:StepRun)-[:PART_OF_RUN]->(r:Run) WHERE t.taskId = $id AND r.urn STARTS WITH 'urn:nextflow:run:' AND NOT r.urn ENDS WITH ':messages' RETURN r.urn AS urn", { id: rows[0]![0] });
    const data = await gql(`query($id: ID!) {
      nf: run(id: $id) { steps { taskId process exitCode status } firstTwo: steps(first: 2) { taskId } }
      dbt: run(id: "inv-run-1") { type kind status rawStatus command durationMs outputs { urn derived } inputs { urn derived } }
    }`, { id: trace!.urn });
    expect(data.nf.steps.map((s: any) => s.taskId).sort()).toEqual(rows.map((r) => r[0]).sort());
    expect(data.nf.firstTwo).toEqual(data.nf.steps.slice(0, 2).map((s: any) => ({ taskId: s.taskId })));
    expect(await errorCodes(raw('query($id: ID!) { run(id: $id) { steps(first: 0) { taskId } } }', { id: trace!.urn }))).toEqual(['BAD_USER_INPUT']);
    const results = await cypher(helix, "MATCH (c:Capsule)<-[:RESULT_OF]-(r:RunResult {status: 'success'})-[:IN_INVOCATION]->(:Invocation {invocationId: 'inv-run-1'}) RETURN c.urn AS urn ORDER BY urn");
    expect(data.dbt).toMatchObject({ type: 'Invocation', kind: 'dbt', status: 'FAILED', rawStatus: 'error' });
    expect(data.dbt.outputs.map((o: any) => o.urn)).toEqual(urns(results));
    expect(data.dbt.outputs.every((o: any) => o.derived)).toBe(true);
    const upstream = await cypher(
      helix,
      `MATCH (u:Capsule)-[:FLOWS_TO]->(c:Capsule) WHERE c.urn IN $built AND NOT u.urn IN $built RETURN DISTINCT u.urn AS urn ORDER BY urn`,
      { built: urns(results) },
    );
    expect(data.dbt.inputs.map((o: any) => o.urn)).toEqual(urns(upstream));
  });
});

describe('job(...) and jobs(...)', () => {
  it('finds a job by urn, by namespace and name, and by name alone', async () => {
    const data = await gql(`{
      a: job(urn: "urn:ol:job:sched:daily.load") { urn }
      b: job(namespace: "sched", name: "daily.load") { urn runs { urn } runCount }
      c: job(name: "demo_protein_mapping") { urn kind steps { name position actionType params } }
      d: job(name: "no-such-job") { urn }
    }`);
    expect(data.a.urn).toBe('urn:ol:job:sched:daily.load');
    expect(data.b.urn).toBe('urn:ol:job:sched:daily.load');
    expect(data.b.runs.length).toBe(data.b.runCount);
    expect(data.c.urn).toBe('urn:strategy:demo_protein_mapping:1.0');
    expect(data.c.steps.map((s: any) => s.position)).toEqual([...data.c.steps.map((s: any) => s.position)].sort((x: number, y: number) => x - y));
    expect(data.d).toBeNull();
    expect(await errorCodes(raw('{ job { urn } }'))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw('{ job(urn: "urn:x", namespace: "n") { urn } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('lists jobs by kind and text, with run counts that agree with the graph', async () => {
    const expected = await cypher(helix, `MATCH (j:Job) RETURN j.urn AS urn, j.kind AS kind, COUNT { (:Run)-[:INSTANCE_OF]->(j) } AS runs ORDER BY urn`);
    const all = await allPages(async (after) => (await gql('query($after: String) { jobs(first: 3, after: $after) { nodes { urn runCount } pageInfo { hasNextPage endCursor } } }', { after })).jobs);
    expect(all.map((j: any) => [j.urn, j.runCount])).toEqual(expected.map((e) => [e.urn, e.runs]));
    const strategies = expected.filter((e) => e.kind === 'strategy');
    expect((await gql('{ jobs(filter: {kind: "STRATEGY"}) { totalCount } }')).jobs.totalCount).toBe(strategies.length);
    const text = await gql('{ jobs(filter: {text: "protein"}) { nodes { name } } }');
    expect(text.jobs.nodes.map((j: any) => j.name)).toContain('demo_protein_mapping');
  });

  it('treats a dbt project as a job: invocations are its runs, results the step runs of its nodes', async () => {
    const [inv] = await cypher(helix, "MATCH (i:Invocation {invocationId: 'inv-run-1'}) RETURN i.namespace AS ns, COUNT { (i)<-[:IN_INVOCATION]-() } AS results");
    const invocations = await cypher(helix, 'MATCH (i:Invocation {namespace: $ns}) RETURN i.urn AS urn ORDER BY urn', { ns: inv!.ns });
    const byJob = await everyRun({ job: String(inv!.ns) });
    expect(byJob.map((r) => r.urn).sort()).toEqual(urns(invocations));
    const [result] = await cypher(helix, "MATCH (r:RunResult {status: 'success'})-[:IN_INVOCATION]->(:Invocation {invocationId: 'inv-run-1'}) RETURN r.urn AS urn, r.uniqueId AS id ORDER BY urn LIMIT 1");
    const everyRunOfNode = await cypher(helix, 'MATCH (r:RunResult {uniqueId: $id}) RETURN r.urn AS urn ORDER BY urn', { id: result!.id });
    const data = await gql(`query($job: ID!, $step: String!, $result: ID!) {
      job(urn: $job) { kind name runCount steps { urn name } }
      steps: runs(filter: {job: $step, includeSteps: true}) { nodes { urn type } }
      result: node(id: $result) { type }
      run(id: "inv-run-1") { job { urn } steps(first: 1000) { urn } }
    }`, { job: `urn:dbt:${inv!.ns}:job`, step: `urn:dbt:${inv!.ns}:job#step:${result!.id}`, result: result!.urn });
    expect(data.job).toMatchObject({ kind: 'dbt', name: inv!.ns, runCount: invocations.length });
    expect(data.job.steps.map((s: any) => s.name)).toContain(result!.id);
    expect(data.steps.nodes.map((n: any) => n.urn).sort()).toEqual(urns(everyRunOfNode));
    expect(data.steps.nodes.every((n: any) => n.type === 'RunResult')).toBe(true);
    expect(data.result.type).toBe('RunResult');
    expect(data.run.job.urn).toBe(`urn:dbt:${inv!.ns}:job`);
    expect(data.run.steps.length).toBe(Number(inv!.results));
  });

  it('answers the latest runs of a job, newest first, optionally by status', async () => {
    const data = await gql('{ job(urn: "urn:ol:job:sched:daily.load") { runs(first: 5) { urn startedAt } failed: runs(status: [FAILED]) { urn } } }');
    const runs = data.job.runs;
    expect(runs.map((r: any) => r.startedAt ?? '')).toEqual([...runs.map((r: any) => r.startedAt ?? '')].sort().reverse());
    expect(data.job.failed.length).toBeLessThanOrEqual(runs.length);
    expect(await errorCodes(raw('{ job(urn: "urn:ol:job:sched:daily.load") { runs(first: -1) { urn } } }'))).toEqual(['BAD_USER_INPUT']);
  });
});
