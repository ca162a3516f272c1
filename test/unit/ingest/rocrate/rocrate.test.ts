import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapRoCrate } from '../../../../ingest/rocrate/index.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, nodesWith, unstorableProps } from '../provenance-helpers.js';

const text = readFileSync(fixturePath('provenance/rocrate/run-crate.json'), 'utf8');
const CRATE = 'https://example.org/crates/demo-run';
const JOB = `urn:workflow:${CRATE}/main.cwl`;
const WF_RUN = 'urn:rocrate:action:#11111111-1111-4111-8111-111111111111';
const ENGINE_RUN = 'urn:rocrate:action:#22222222-2222-4222-8222-222222222222';
const STEP_A = `urn:rocrate:action:${CRATE}/#step-run-a`;
const STEP_B = `urn:rocrate:action:${CRATE}/#step-run-b`;

describe('mapRoCrate', () => {
  const g = mapRoCrate(text, { file: 'run-crate.json' });

  it('maps the mainEntity to a Job scoped by the crate, with its HowToSteps', () => {
    expect(node(g, JOB).props).toMatchObject({ name: 'Demo workflow', kind: 'rocrate', language: 'cwl', crateId: CRATE });
    expect(edges(g, 'HAS_STEP', JOB).map((e) => e.to)).toEqual([`${JOB}#step:main/step_a`, `${JOB}#step:main/step_b`]);
    expect(node(g, `${JOB}#step:main/step_b`).props).toMatchObject({ name: 'step_b', position: 1, toolName: 'tool_b.cwl' });
  });

  it('maps the workflow CreateAction to a Run of the Job with its parameters', () => {
    expect(node(g, WF_RUN).labels).toEqual(['Run']);
    expect(node(g, WF_RUN).props).toMatchObject({
      status: 'completed',
      startedAt: '2024-02-01T09:00:01.000000Z',
      endedAt: '2024-02-01T09:05:00.000000Z',
      durationMs: 299_000,
      parametersJson: '{"threshold":"0.5"}',
    });
    expect(edges(g, 'INSTANCE_OF', WF_RUN, JOB)).toHaveLength(1);
    expect(edges(g, 'USED', WF_RUN).map((e) => e.to)).toEqual(['urn:file:abc123']);
    expect(edges(g, 'WAS_GENERATED_BY', `urn:file:${CRATE}/final.txt`, WF_RUN)).toHaveLength(1);
  });

  it('maps controlled CreateActions to StepRuns of their HowToStep and of the workflow run', () => {
    expect(node(g, STEP_A).labels).toEqual(['StepRun', 'Run']);
    expect(edges(g, 'INSTANCE_OF', STEP_A, `${JOB}#step:main/step_a`)).toHaveLength(1);
    expect(edges(g, 'PART_OF_RUN', STEP_A, WF_RUN)).toHaveLength(1);
    expect(node(g, STEP_B).props).toMatchObject({ status: 'failed', error: 'exit 1', containerImages: ['docker://debian:12'] });
    expect(edges(g, 'WAS_INFORMED_BY', STEP_B, STEP_A)).toHaveLength(1);
  });

  it('maps the OrganizeAction to the engine run, parent of the workflow run, with engine and person agents', () => {
    expect(node(g, ENGINE_RUN).props).toMatchObject({ actionType: 'OrganizeAction', status: 'completed' });
    expect(edges(g, 'CHILD_OF', WF_RUN, ENGINE_RUN)).toHaveLength(1);
    expect(edges(g, 'WAS_ASSOCIATED_WITH', WF_RUN).map((e) => [e.to, e.props?.role])).toEqual([
      ['urn:agent:software:cwltool@3.1', 'engine'],
      ['urn:agent:user:https://orcid.org/0000-0000-0000-0001', 'agent'],
    ]);
  });

  it('maps data entities to Files: sha256 identity, directories with members, merged duplicates', () => {
    expect(node(g, 'urn:file:abc123').props).toMatchObject({ sha256: 'abc123', contentSize: '12', path: 'input.txt' });
    expect(node(g, `urn:file:${CRATE}/middle/`).props.isDirectory).toBe(true);
    expect(edges(g, 'HAD_MEMBER', `urn:file:${CRATE}/middle/`, `urn:file:${CRATE}/middle/part1.txt`)).toHaveLength(1);
    expect(node(g, `urn:file:${CRATE}/final.txt`).props).toMatchObject({ name: 'final', encodingFormat: 'text/plain' });
  });

  it('maps a stand-alone action to a Run of its instrument', () => {
    const run = `urn:rocrate:action:${CRATE}/#standalone`;
    expect(node(g, run).labels).toEqual(['Run']);
    expect(edges(g, 'INSTANCE_OF', run, 'urn:workflow:https://imagemagick.org/')).toHaveLength(1);
  });

  it('references undescribed entities and reports crate oddities', () => {
    expect(node(g, `urn:file:${CRATE}/missing.txt`).mode).toBe('reference');
    expect(g.issues.map((i) => i.code).sort()).toEqual(['ROCRATE_DANGLING_REFERENCE', 'ROCRATE_DUPLICATE_ID']);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorableProps(g)).toEqual([]);
  });

  it('scopes relative ids by a content hash when the crate has no identifier, or by the crateId option', () => {
    const anon = mapRoCrate(text.replace('"identifier": "https://example.org/crates/demo-run", ', ''));
    expect(nodesWith(anon, 'Job').map((n) => n.urn)[0]).toMatch(/^urn:workflow:crate-[0-9a-f]{16}\/main\.cwl$/);
    const named = mapRoCrate(text, { crateId: 'c1' });
    expect(named.nodes.some((n) => n.urn === 'urn:workflow:c1/main.cwl')).toBe(true);
  });

  it('reports unreadable metadata instead of throwing', () => {
    expect(mapRoCrate('{ nope').issues[0]?.code).toBe('ROCRATE_INVALID_JSON');
    expect(mapRoCrate('{"@context": "x"}').issues[0]?.code).toBe('ROCRATE_NO_GRAPH');
  });
});
