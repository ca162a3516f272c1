import type { Executor } from '../src/db/executor.js';

/**
 * A dbt-shaped graph of `capsules` capsules written straight into Neo4j (the ingester would spend most of a bench
 * budget on SQL column lineage, which no conformance rule reads): 10% sources, staging models reading one source,
 * intermediate and mart models reading 1–4 earlier models, 1% exposures, 3 columns per model, unique + not_null
 * tests on 60% of the models with results (5% failing), and the same node and edge shapes as `helix ingest dbt`.
 * Some names, descriptions, owners and layer orders are wrong on purpose, at rates seen in the corpus.
 */
export async function writeSyntheticConformanceGraph(exec: Executor, namespace: string, capsules: number, seed = 7): Promise<{ nodes: number }> {
  let state = seed;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const project = 'synthetic';
  const urn = (id: string) => `urn:dbt:${namespace}:${id}`;
  const nodes: Array<{ urn: string; labels: string[]; props: Record<string, unknown> }> = [];
  const edges: Array<{ type: string; from: string; to: string }> = [];
  const invocation = `urn:dbt:invocation:bench-${namespace}`;
  const job = `urn:dbt:${namespace}:job`;
  nodes.push({ urn: invocation, labels: ['Run', 'Invocation'], props: { invocationId: `bench-${namespace}`, kind: 'dbt', namespace, projectName: project, ingestScope: `dbt:${namespace}` } });
  nodes.push({ urn: job, labels: ['Job'], props: { name: namespace, namespace: 'dbt', kind: 'dbt', ingestScope: `dbt:${namespace}` } });
  edges.push({ type: 'INSTANCE_OF', from: invocation, to: job });
  const sources = Math.max(1, Math.round(capsules * 0.1));
  const exposures = Math.max(1, Math.round(capsules * 0.01));
  const models = capsules - sources - exposures;
  const base = { namespace, packageName: project, ingestScope: `dbt:${namespace}` };
  for (let s = 0; s < sources; s++) {
    nodes.push({ urn: urn(`source.${project}.raw.t${s}`), labels: ['Capsule', 'Source'], props: { ...base, name: `t${s}`, resourceType: 'source', uniqueId: `source.${project}.raw.t${s}`, sourceName: 'raw' } });
  }
  const modelIds: string[] = [];
  const marts: string[] = [];
  for (let m = 0; m < models; m++) {
    const layer = m < sources ? 'staging' : m < models * 0.6 ? 'intermediate' : 'marts';
    const prefix = rand() < 0.05 ? 'tmp_' : layer === 'staging' ? 'stg_' : layer === 'intermediate' ? 'int_' : rand() < 0.5 ? 'fct_' : 'dim_';
    const id = `model.${project}.${prefix}m${m}`;
    const props: Record<string, unknown> = { ...base, name: `${prefix}m${m}`, resourceType: 'model', uniqueId: id, layer, access: rand() < 0.2 ? 'public' : 'protected' };
    if (rand() < 0.7) props.description = `model ${m}`;
    if (rand() < 0.5) props.owner = `team${m % 20}@example.com`;
    nodes.push({ urn: urn(id), labels: ['Capsule', 'Model'], props });
    const parents = layer === 'staging' ? [urn(`source.${project}.raw.t${m}`)] : Array.from({ length: 1 + Math.floor(rand() * 4) }, () => urn(modelIds[Math.floor(rand() * modelIds.length)]!));
    // A few marts read a source directly (lineage.layer-order).
    if (layer === 'marts' && rand() < 0.02) parents.push(urn(`source.${project}.raw.t${Math.floor(rand() * sources)}`));
    for (const p of new Set(parents)) edges.push({ type: 'FLOWS_TO', from: p, to: urn(id) });
    for (const c of ['id', 'value', 'updated_at']) {
      const col = `${urn(id)}#${c}`;
      nodes.push({ urn: col, labels: ['Column'], props: { name: c, capsuleUrn: urn(id), ...(rand() < 0.6 ? { description: `${c} of ${m}` } : {}), inferred: false, ingestScope: base.ingestScope } });
      edges.push({ type: 'HAS_COLUMN', from: urn(id), to: col });
    }
    if (rand() < 0.6) {
      for (const t of ['unique', 'not_null']) {
        const test = urn(`test.${project}.${t}_m${m}_id`);
        nodes.push({ urn: test, labels: ['Test'], props: { name: `${t}_m${m}_id`, namespace, testType: 'generic', testName: t, columnName: 'id', kind: 'column', ingestScope: base.ingestScope } });
        edges.push({ type: 'TESTS', from: test, to: urn(id) });
        if (rand() < 0.2) {
          const result = urn(`result:bench:test.${project}.${t}_m${m}_id`);
          nodes.push({ urn: result, labels: ['Run', 'StepRun', 'TestResult'], props: { status: rand() < 0.25 ? 'fail' : 'pass', invocationId: 'bench', completedAt: '2026-01-01T00:00:00Z', ingestScope: base.ingestScope } });
          edges.push({ type: 'RESULT_OF', from: result, to: test });
        }
      }
    }
    modelIds.push(id);
    if (layer === 'marts') marts.push(id);
  }
  for (let e = 0; e < exposures; e++) {
    const id = `exposure.${project}.dash${e}`;
    nodes.push({ urn: urn(id), labels: ['Capsule', 'Exposure'], props: { ...base, name: `dash${e}`, resourceType: 'exposure', uniqueId: id } });
    for (let k = 0; k < 2 && marts.length > 0; k++) edges.push({ type: 'FLOWS_TO', from: urn(marts[Math.floor(rand() * marts.length)]!), to: urn(id) });
  }
  // The namespace was dropped before: plain CREATEs, one statement per label set (labels cannot be parameters).
  const byLabels = new Map<string, typeof nodes>();
  for (const n of nodes) {
    const key = n.labels.join(':');
    if (!byLabels.has(key)) byLabels.set(key, []);
    byLabels.get(key)!.push(n);
  }
  for (const [key, group] of byLabels) {
    const text = CREATE_BY_LABELS[key];
    if (!text) throw new Error(`no statement for labels ${key}`);
    for (let i = 0; i < group.length; i += 20_000) {
      await exec.runText(text, { rows: group.slice(i, i + 20_000) }, 'WRITE', { op: 'bench synthetic nodes', timeoutMs: 600_000 });
    }
  }
  const byType = new Map<string, typeof edges>();
  for (const e of edges) {
    if (!byType.has(e.type)) byType.set(e.type, []);
    byType.get(e.type)!.push(e);
  }
  for (const [type, group] of byType) {
    const text = CREATE_EDGE[type];
    if (!text) throw new Error(`no statement for edge ${type}`);
    for (let i = 0; i < group.length; i += 20_000) {
      await exec.runText(text, { rows: group.slice(i, i + 20_000), scope: base.ingestScope }, 'WRITE', { op: 'bench synthetic edges', timeoutMs: 600_000 });
    }
  }
  return { nodes: nodes.length };
}

/** Removes a bench namespace: its owned nodes, their violations and its evaluations. */
export async function dropBenchNamespace(exec: Executor, namespace: string): Promise<void> {
  const batches = [
    [`MATCH (v:Violation {namespace: $ns}) WITH v LIMIT 10000 DETACH DELETE v RETURN count(*) AS n`, {}],
    [`MATCH (n:Node {ingestScope: $scope}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`, {}],
    [`MATCH (n:Node) WHERE n.ingestScope STARTS WITH $runScope WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`, {}],
    [`MATCH (e:ConformanceEvaluation {namespace: $ns}) WITH e LIMIT 10000 DETACH DELETE e RETURN count(*) AS n`, {}],
  ] as const;
  const params = { ns: namespace, scope: `dbt:${namespace}`, runScope: `dbt-run:${namespace}:` };
  for (const [text] of batches) {
    for (;;) {
      const [row] = await exec.runText(text, params, 'WRITE', { op: 'bench cleanup', timeoutMs: 600_000 });
      if (Number(row?.n ?? 0) === 0) break;
    }
  }
}

const node = (labels: string) => `UNWIND $rows AS row CREATE (n:Node:${labels}) SET n = row.props, n.urn = row.urn`;
const CREATE_BY_LABELS: Record<string, string> = {
  'Run:Invocation': node('Run:Invocation'),
  Job: node('Job'),
  'Capsule:Source': node('Capsule:Source'),
  'Capsule:Model': node('Capsule:Model'),
  'Capsule:Exposure': node('Capsule:Exposure'),
  Column: node('Column'),
  Test: node('Test'),
  'Run:StepRun:TestResult': node('Run:StepRun:TestResult'),
};
const edge = (type: string) => `UNWIND $rows AS row MATCH (a:Node {urn: row.from}) MATCH (b:Node {urn: row.to}) CREATE (a)-[:${type} {ingestScope: $scope}]->(b)`;
const CREATE_EDGE: Record<string, string> = Object.fromEntries(['INSTANCE_OF', 'FLOWS_TO', 'HAS_COLUMN', 'TESTS', 'RESULT_OF'].map((t) => [t, edge(t)]));
