import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNextflowIngest, runProvIngest, runRoCrateIngest } from '../../../../src/ingestion/provenance.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { allPages, strictClient } from '../../../integration/src/services/bio/helpers.js';
import { listFiles } from '../../ingest/provenance-helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
const root = corpusPath('provenance');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const types = (e: { '@type'?: unknown }) => (Array.isArray(e['@type']) ? e['@type'] : [e['@type']]) as string[];
const refs = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((r) => (typeof r === 'string' ? r : (r as { '@id': string })['@id']));

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const reports = [
    await runProvIngest(helix.exec, path.join(root, 'prov-json'), {}),
    await runProvIngest(helix.exec, path.join(root, 'cwlprov'), {}),
    await runRoCrateIngest(helix.exec, path.join(root, 'ro-crate'), {}),
    await runNextflowIngest(helix.exec, path.join(root, 'nextflow-trace'), {}),
    await runNextflowIngest(helix.exec, path.join(root, 'nextflow-tower'), {}),
  ];
  for (const r of reports) {
    expect(r.status).toBe('completed');
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }
  gql = strictClient(helix);
}, 600_000);
afterAll(async () => helix?.close());

const RUNS = `query($f: RunFilter, $after: String) { runs(filter: $f, first: 200, after: $after) {
  totalCount nodes { urn runId type status inputs { urn } outputs { urn } } pageInfo { hasNextPage endCursor } } }`;
const runsOf = async (kind: string) => (await allPages(async (after) => (await gql(RUNS, { f: { kind, includeSteps: true }, after })).runs)) as any[];

const PROV1 = `query($urn: ID!, $d: ProvenanceDirection) { provenance(urn: $urn, direction: $d, depth: 1, limit: 5000) { nodes { urn } truncated } }`;
const reach = async (urn: string, d: 'HOW_MADE' | 'WHAT_USED') => ((await gql(PROV1, { urn, d })).provenance.nodes as any[]).map((n) => n.urn);

describe('Nextflow traces and Tower messages', () => {
  const traces = listFiles(path.join(root, 'nextflow-trace'), '.txt');

  it.each(traces.map((f) => [path.relative(root, f), f]))('%s: one step run per trace row, statuses as the rows say', async (_rel, file) => {
    const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
    const col = (name: string) => header!.indexOf(name);
    const run = (await gql('query($id: ID!) { run(id: $id) { kind status steps { taskId status process } } }', { id: path.basename(path.dirname(file)) })).run;
    expect(run.kind).toBe('nextflow');
    expect(run.steps.map((s: any) => s.taskId).sort()).toEqual(rows.map((r) => r[col('task_id')]).sort());
    const done = rows.filter((r) => ['COMPLETED', 'CACHED'].includes(r[col('status')]!));
    expect(run.steps.filter((s: any) => s.status === 'COMPLETED')).toHaveLength(done.length);
    expect(run.status === 'COMPLETED').toBe(done.length === rows.length);
  });

  it('Tower messages: one step run per task, the run completed as the last message says', async () => {
    const dir = path.join(root, 'nextflow-tower', 'workflow_success');
    const messages = readdirSync(dir).sort().map((f) => json(path.join(dir, f)));
    const tasks = new Map<string, string>();
    for (const m of messages) for (const t of m.tasks ?? []) tasks.set(String(t.taskId), t.status);
    const last = messages.filter((m) => m.workflow).at(-1).workflow;
    const run = (await gql('{ run(id: "workflow_success") { status startedAt endedAt steps { taskId status } } }')).run;
    expect(run.steps.map((s: any) => [s.taskId, s.status])).toEqual([...tasks].map(([id, status]) => [id, status]).sort());
    expect(run.status).toBe(last.success ? 'COMPLETED' : 'FAILED');
    expect(Date.parse(run.endedAt)).toBe(Date.parse(last.complete));
  });
});

describe('Workflow Run RO-Crates', () => {
  const crates = listFiles(path.join(root, 'ro-crate'), 'ro-crate-metadata.json').map((file) => {
    const graph = json(file)['@graph'] as Array<Record<string, any>>;
    return { file, graph, byId: new Map(graph.map((e) => [e['@id'], e])) };
  });
  const actions = crates.flatMap((c) => c.graph.filter((e) => types(e).some((t) => t === 'CreateAction' || t === 'OrganizeAction')).map((a) => ({ ...c, a })));

  it('holds one run per CreateAction and OrganizeAction of every crate', async () => {
    expect((await runsOf('rocrate')).length).toBe(actions.length);
  });

  it('links every action to the files, datasets and collections it used and produced, and answers provenance from them', async () => {
    const runs = await runsOf('rocrate');
    // Data entities are files, directories (Dataset) and collections; PropertyValues are parameters, actions are not data.
    const data = (c: (typeof actions)[number], ids: string[]) =>
      ids.filter((id) => types(c.byId.get(id) ?? {}).some((t) => t === 'File' || t === 'Dataset' || t === 'Collection'));
    for (const c of actions) {
      const candidates = runs.filter((r) => r.runId === c.a['@id'] && r.inputs.length >= data(c, refs(c.a.object)).length);
      expect(candidates.length, `${c.file} ${c.a['@id']}`).toBeGreaterThan(0);
      const run = candidates.find((r) => r.outputs.length === new Set(data(c, refs(c.a.result))).size && r.inputs.length === new Set(data(c, refs(c.a.object))).size);
      expect(run, `${c.file} ${c.a['@id']}`).toBeDefined();
      if (run.outputs.length > 0) {
        const made = await reach(run.outputs[0].urn, 'HOW_MADE');
        expect(made).toContain(run.urn);
        const used = await reach(run.urn, 'WHAT_USED');
        expect(used).toEqual(expect.arrayContaining(run.outputs.map((o: any) => o.urn)));
      }
    }
  });
});

/** Expanded IRI of a PROV qualified name: its prefix from the document (or bundle), else the name as written. */
const expand = (name: string, prefixes: Record<string, string>) => {
  const i = name.indexOf(':');
  const prefix = i > 0 ? name.slice(0, i) : '';
  return prefixes[prefix] !== undefined ? prefixes[prefix] + name.slice(i + 1) : name;
};

/** Declared activities and used/wasGeneratedBy relations of PROV-JSON documents, bundles included. */
function provDocuments(dir: string) {
  return listFiles(dir, '.json').map((file) => {
    const doc = json(file);
    const scopes = [{ body: doc, prefixes: doc.prefix ?? {} }];
    for (const b of Object.values((doc.bundle ?? {}) as Record<string, any>)) scopes.push({ body: b, prefixes: { ...(doc.prefix ?? {}), ...(b.prefix ?? {}) } });
    const activities = scopes.flatMap((s) => Object.keys(s.body.activity ?? {}).map((id) => expand(id, s.prefixes)));
    const relation = (kind: string) =>
      scopes.flatMap((s) =>
        Object.values((s.body[kind] ?? {}) as Record<string, any>).flatMap((r: any) => (Array.isArray(r) ? r : [r]))
          .filter((r: any) => r['prov:activity'] && r['prov:entity'])
          .map((r: any) => ({ activity: expand(r['prov:activity'], s.prefixes), entity: expand(r['prov:entity'], s.prefixes) })),
      );
    return { file, activities, used: relation('used'), generated: relation('wasGeneratedBy') };
  });
}

describe.each([
  ['cwlprov', 'cwl'],
  ['prov-json', 'prov'],
])('PROV documents under %s', (dir, kind) => {
  const docs = provDocuments(path.join(root, dir));

  it(`holds one ${kind} run per declared activity`, async () => {
    const declared = new Set(docs.flatMap((d) => d.activities));
    expect(declared.size).toBeGreaterThan(0);
    expect((await runsOf(kind)).map((r) => r.urn).sort()).toEqual([...declared].map((iri) => `urn:prov:activity:${iri}`).sort());
  });

  it('answers provenance along every usage and generation the documents record', async () => {
    const relations = docs.flatMap((d) => [...d.used.map((u) => ({ ...u, how: 'used' })), ...d.generated.map((g) => ({ ...g, how: 'generated' }))]);
    expect(relations.length).toBeGreaterThan(0);
    for (const r of relations) {
      const activity = `urn:prov:activity:${r.activity}`;
      const entity = `urn:prov:entity:${r.entity}`;
      if (r.how === 'used') expect(await reach(activity, 'HOW_MADE'), `${activity} used ${entity}`).toContain(entity);
      else expect(await reach(entity, 'HOW_MADE'), `${entity} generated by ${activity}`).toContain(activity);
    }
  });
});
