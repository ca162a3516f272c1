import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runImputationIngest, runStrategiesIngest } from '../../../../src/ingestion/provenance.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { allPages, strictClient } from '../../../integration/src/services/bio/helpers.js';
import { listFiles } from '../../ingest/provenance-helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  for (const r of [
    await runImputationIngest(helix.exec, corpusPath('seeds', 'fedimpute'), {}),
    await runStrategiesIngest(helix.exec, corpusPath('seeds', 'biomapper'), {}),
  ]) {
    expect(r.status).toBe('completed');
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }
  gql = strictClient(helix);
}, 600_000);
afterAll(async () => helix?.close());

/** Rows of every COPY block of the dumps, split on tabs (`\N` is null). */
function copyTables(files: string[]): Map<string, Array<Record<string, string | null>>> {
  const tables = new Map<string, Array<Record<string, string | null>>>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const m = /^COPY public\.(\w+) \((.*)\) FROM stdin;$/.exec(lines[i]!);
      if (!m) continue;
      const columns = m[2]!.split(', ').map((c) => c.replace(/"/g, ''));
      const rows: Array<Record<string, string | null>> = [];
      for (i += 1; lines[i] !== '\\.'; i += 1) rows.push(Object.fromEntries(lines[i]!.split('\t').map((v, k) => [columns[k], v === '\\N' ? null : v])));
      tables.set(m[1]!, [...(tables.get(m[1]!) ?? []), ...rows]);
    }
  }
  return tables;
}

const PROV1 = `query($urn: ID!, $d: ProvenanceDirection) { provenance(urn: $urn, direction: $d, depth: 1) { root nodes { urn type } edges { from to type } truncated } }`;

describe('federated imputation (seeds/fedimpute)', () => {
  const tables = copyTables(listFiles(corpusPath('seeds', 'fedimpute'), '.sql'));
  const rows = (t: string) => tables.get(t) ?? [];
  const services = new Map(rows('imputation_services').map((s) => [s.id, s]));
  const panels = new Map(rows('reference_panels').map((p) => [p.id, p]));

  it('holds one imputation run per job and one job type per service', async () => {
    const jobs = rows('imputation_jobs');
    expect(jobs.length).toBeGreaterThan(0);
    const runs = await allPages(async (after) => (await gql('query($after: String) { runs(filter: {kind: "imputation"}, first: 100, after: $after) { nodes { urn } pageInfo { hasNextPage endCursor } } }', { after })).runs);
    expect(runs.map((r: any) => r.urn).sort()).toEqual(jobs.map((j) => `urn:imputation:job:${j.id}`).sort());
    const types = await gql('{ jobs(filter: {kind: "imputation"}, first: 500) { totalCount nodes { urn name } } }');
    expect(types.jobs.nodes.map((j: any) => j.urn).sort()).toEqual([...services.values()].map((s) => `urn:imputation:job-type:${s!.slug}`).sort());
  });

  it('answers each job with its status, service, timeline, and a provenance that reaches its panel and service', async () => {
    for (const job of rows('imputation_jobs')) {
      const urn = `urn:imputation:job:${job.id}`;
      const data = await gql('query($id: ID!) { run(id: $id) { urn kind rawStatus job { urn } statusUpdates { rawStatus timestamp } inputs { urn role } } }', { id: job.id });
      const run = data.run;
      const service = services.get(job.service_id)!;
      expect(run).toMatchObject({ urn, kind: 'imputation', rawStatus: job.status, job: { urn: `urn:imputation:job-type:${service.slug}` } });
      const updates = rows('job_status_updates').filter((u) => u.job_id === job.id);
      expect(run.statusUpdates).toHaveLength(updates.length);
      expect(run.statusUpdates.map((u: any) => u.timestamp)).toEqual([...run.statusUpdates.map((u: any) => u.timestamp)].sort());

      const panel = `urn:imputation:panel:${panels.get(job.reference_panel_id)!.slug}`;
      const how = (await gql(PROV1, { urn, d: 'HOW_MADE' })).provenance;
      expect(how.root).toBe(urn);
      expect(how.edges).toEqual(expect.arrayContaining([
        { from: urn, to: panel, type: 'USED' },
        { from: urn, to: `urn:imputation:job-type:${service.slug}`, type: 'INSTANCE_OF' },
      ]));
      const used = (await gql(PROV1, { urn: panel, d: 'WHAT_USED' })).provenance;
      expect(used.nodes.map((n: any) => n.urn)).toContain(urn);
    }
  });
});

describe('workflow strategies (seeds/biomapper)', () => {
  const strategies = listFiles(corpusPath('seeds', 'biomapper'), '.yaml').map((file) => {
    const text = readFileSync(file, 'utf8');
    const version = /^version:\s*["']?([^"'\n#]+?)["']?\s*(?:#.*)?$/m.exec(text)?.[1];
    return { name: path.basename(file), doc: parse(text) as Record<string, any>, version: version ?? 'unversioned' };
  });

  it('holds one strategy job per file, with its steps in order', async () => {
    const all = await gql('{ jobs(filter: {kind: "strategy"}, first: 500) { totalCount } }');
    expect(all.jobs.totalCount).toBe(new Set(strategies.map((s) => `${s.doc.name}:${s.version}`)).size);
    for (const s of strategies) {
      const data = await gql('query($urn: ID) { job(urn: $urn) { name kind version runCount steps { position actionType job { urn } } } }', { urn: `urn:strategy:${s.doc.name}:${s.version}` });
      expect(data.job, s.name).toMatchObject({ name: s.doc.name, kind: 'strategy', runCount: 0 });
      expect(data.job.steps.map((st: any) => [st.position, st.actionType])).toEqual(
        s.doc.steps.map((st: any, i: number) => [i, typeof st.action === 'string' ? st.action : st.action?.type]),
      );
      expect(data.job.steps.every((st: any) => st.job.urn === `urn:strategy:${s.doc.name}:${s.version}`)).toBe(true);
    }
  });

  it('answers provenance for every strategy: a plan no run has executed yet is its own whole provenance', async () => {
    for (const s of strategies) {
      const urn = `urn:strategy:${s.doc.name}:${s.version}`;
      for (const d of ['HOW_MADE', 'WHAT_USED']) {
        const g = (await gql(PROV1, { urn, d })).provenance;
        expect(g, `${s.name} ${d}`).toEqual({ root: urn, nodes: [{ urn, type: 'Job' }], edges: [], truncated: false });
      }
    }
  });
});
