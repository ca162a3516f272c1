import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapStrategyJobsJson, mapStrategyYaml, provenanceRecordProps } from '../../../../ingest/strategies/index.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, nodesWith, unstorableProps } from '../provenance-helpers.js';

const read = (name: string) => readFileSync(fixturePath(`provenance/strategies/${name}`), 'utf8');

describe('mapStrategyYaml', () => {
  const g = mapStrategyYaml(read('typed.yaml'), { file: 'typed.yaml' });
  const job = 'urn:strategy:demo_protein_mapping:1.0';

  it('maps the strategy to a Job keyed by name and version as written', () => {
    expect(node(g, job).props).toMatchObject({
      name: 'demo_protein_mapping',
      kind: 'strategy',
      version: '1.0',
      description: 'Map demo proteins to a knowledge graph.',
      author: 'Helix Tests',
      tags: ['protein', 'demo'],
      stepCount: 4,
    });
    expect(JSON.parse(node(g, job).props.parametersJson as string)).toEqual({ input_file: '/data/proteins.tsv', output_dir: '/tmp/out' });
    expect(JSON.parse(node(g, job).props.metadataJson as string)).toEqual({ execution_hints: { estimated_runtime: 300 } });
  });

  it('maps typed steps with params kept as declared and parameter references listed', () => {
    const load = node(g, `${job}#step:load`);
    expect(load.props).toMatchObject({ position: 0, actionType: 'LOAD_DATASET_IDENTIFIERS', actionShape: 'typed', critical: true, timeoutSeconds: 30, retryCount: 2, parameterRefs: ['input_file'] });
    expect(JSON.parse(load.props.paramsJson as string).file_path).toBe('${parameters.input_file}');
    expect(node(g, `${job}#step:export`).props).toMatchObject({ parameterRefs: ['output_dir'], environmentRefs: ['OUTPUT_DIR'] });
    expect(edges(g, 'HAS_STEP', job)).toHaveLength(4);
  });

  it('reports duplicate names, missing names and missing actions without dropping steps', () => {
    expect(g.issues.map((i) => i.code)).toEqual(['STRATEGY_STEP_DUPLICATE', 'STRATEGY_STEP_WITHOUT_NAME', 'STRATEGY_STEP_WITHOUT_ACTION']);
    expect(node(g, `${job}#step:export#2`).props.position).toBe(2);
    expect(node(g, `${job}#step:step-3`).props.actionShape).toBe('typed');
  });

  it('reads the legacy shape and several documents per file', () => {
    const l = mapStrategyYaml(read('legacy.yaml'));
    expect(nodesWith(l, 'Job').map((n) => n.urn)).toEqual(['urn:strategy:legacy_demo:unversioned', 'urn:strategy:second_in_same_file:unversioned']);
    expect(node(l, 'urn:strategy:legacy_demo:unversioned#step:load_source').props).toMatchObject({
      actionType: 'LOAD_ENDPOINT_IDENTIFIERS',
      actionShape: 'legacy',
      description: 'Load identifiers',
    });
    expect(JSON.parse(node(l, 'urn:strategy:legacy_demo:unversioned').props.metadataJson as string).source_endpoint.type).toBe('PROTEIN_UNIPROT');
  });

  it('reports YAML syntax errors with their line', () => {
    const b = mapStrategyYaml(read('broken.yaml'), { file: 'broken.yaml' });
    expect(b.nodes).toHaveLength(0);
    expect(b.issues[0]).toMatchObject({ severity: 'error', code: 'STRATEGY_YAML_INVALID', file: 'broken.yaml' });
    expect(b.issues[0]!.line).toBeGreaterThan(1);
  });
});

describe('mapStrategyJobs', () => {
  const g = mapStrategyJobsJson(read('jobs.json'), { file: 'jobs.json' });
  const run = 'urn:strategy-run:7b1a2c3d-0000-4000-8000-000000000001';

  it('maps jobs to Runs of their strategy', () => {
    expect(node(g, run).props).toMatchObject({ status: 'completed', startedAt: '2025-01-10T10:00:00.000000Z', durationMs: 150_000, progressPercentage: 100, tags: ['nightly'] });
    expect(node(g, run).props.parametersHash).toMatch(/^[0-9a-f]{64}$/);
    expect(edges(g, 'INSTANCE_OF', run, 'urn:strategy:demo_protein_mapping:1.0')).toHaveLength(1);
    expect(node(g, 'urn:strategy-run:7b1a2c3d-0000-4000-8000-000000000002').props.status).toBe('pending');
    expect(edges(g, 'WAS_ASSOCIATED_WITH', run, 'urn:agent:user:biomapper:42')).toHaveLength(1);
  });

  it('maps execution steps to StepRuns of the strategy steps', () => {
    const step0 = `${run}:step:0`;
    expect(node(g, step0).labels).toEqual(['StepRun', 'Run']);
    expect(node(g, step0).props).toMatchObject({ status: 'completed', durationMs: 1200, recordsProcessed: 2923 });
    expect(edges(g, 'PART_OF_RUN', step0, run)).toHaveLength(1);
    expect(edges(g, 'INSTANCE_OF', step0, 'urn:strategy:demo_protein_mapping:1.0#step:load')).toHaveLength(1);
    expect(node(g, `${run}:step:1`).props).toMatchObject({ status: 'failed', error: 'disk full' });
  });

  it('maps results to Files and provenance records of both shapes', () => {
    expect(edges(g, 'WAS_GENERATED_BY', 'urn:file:ab12cd34', run)).toHaveLength(1);
    expect(nodesWith(g, 'ProvenanceRecord')).toHaveLength(3);
    expect(node(g, `${run}:provenance:1`).props).toMatchObject({ action: 'export', success: true });
    expect(node(g, `${run}:step:0:provenance:0`).props).toMatchObject({ source: 'hpa', confidenceScore: 0.9, evidenceCodes: ['IEA'] });
  });

  it('reports jobs without id, orphan rows and skipped checkpoints', () => {
    expect(g.issues.map((i) => i.code).sort()).toEqual([
      'STRATEGY_CHECKPOINTS_SKIPPED', 'STRATEGY_JOB_WITHOUT_ID', 'STRATEGY_ORPHAN_ROWS',
    ]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorableProps(g)).toEqual([]);
  });

  it('reads provenance records leniently', () => {
    expect(provenanceRecordProps('resolved', 0)).toEqual({ position: 0, action: 'resolved' });
    expect(provenanceRecordProps({ action: 'x', timestamp: 'not a date', extra: 1 }, 1)).toMatchObject({ timestamp: 'not a date', detailsJson: '{"extra":1}' });
    expect(provenanceRecordProps(42, 2)).toBeUndefined();
  });
});
