import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCopyField, mapImputationDump, mapImputationDumps, parsePgDump } from '../../../../ingest/imputation/index.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, nodesWith, unstorableProps } from '../provenance-helpers.js';

const read = (name: string) => ({ text: readFileSync(fixturePath(`provenance/imputation/${name}`), 'utf8'), file: name });

describe('parsePgDump', () => {
  it('decodes COPY text-format fields', () => {
    expect(decodeCopyField('\\N')).toBeNull();
    expect(decodeCopyField('a\\tb\\nc\\\\d')).toBe('a\tb\nc\\d');
    expect(decodeCopyField('caf\\303\\251')).toBe('café');
    expect(decodeCopyField('\\x41\\x42')).toBe('AB');
    expect(decodeCopyField('say \\"hi\\"')).toBe('say "hi"');
    expect(decodeCopyField('')).toBe('');
  });

  it('reads every COPY block with its columns, skipping and reporting malformed rows', () => {
    const { file, text } = read('jobs.sql');
    const dump = parsePgDump(text, file);
    expect(dump.tables.map((t) => [t.name, t.schema, t.rows.length])).toEqual([
      ['file_records', 'public', 2],
      ['imputation_jobs', 'public', 3],
      ['job_status_updates', 'public', 5],
      ['job_logs', 'public', 1],
    ]);
    expect(dump.tables[2]!.columns).toContain('timestamp');
    expect(dump.issues.map((i) => [i.code, i.line])).toEqual([
      ['PGDUMP_ROW_WIDTH', 9],
      ['PGDUMP_COPY_UNTERMINATED', 18],
    ]);
  });
});

describe('mapImputationDumps', () => {
  const g = mapImputationDumps([read('registry.sql'), read('jobs.sql')]);

  it('maps services to service Agents and the Job type their runs instantiate', () => {
    expect(node(g, 'urn:agent:service:michigan').props).toMatchObject({ kind: 'service', apiType: 'michigan', supportedBuilds: ['hg19', 'hg38'], isActive: true });
    expect(node(g, 'urn:imputation:job-type:wes-node')).toMatchObject({ labels: ['Job'], props: { kind: 'imputation', name: 'WES Node' } });
  });

  it('maps reference panels by their API name, linked to their service', () => {
    expect(node(g, 'urn:imputation:panel:apps@hrc-r1.1@1.0.0').props).toMatchObject({ displayName: 'HRC r1.1 2016', samplesCount: 32488 });
    expect(node(g, 'urn:imputation:panel:African Panel').props.displayName).toBe('African "Panel"');
    expect(edges(g, 'PROVIDED_BY', 'urn:imputation:panel:apps@hrc-r1.1@1.0.0', 'urn:agent:service:michigan')).toHaveLength(1);
  });

  it('maps jobs to Runs with the one status vocabulary', () => {
    const run1 = node(g, 'urn:imputation:job:job-1');
    expect(run1.props).toMatchObject({
      name: 'First\tjob\nwith escapes é',
      status: 'completed',
      externalStatus: 'completed',
      externalJobId: 'job-20250101-1',
      phasing: true,
      durationMs: 3_600_000,
      startedAt: '2025-01-01T10:00:05.000000Z',
      lastEventTime: '2025-01-01T11:00:05.000000Z',
    });
    expect(node(g, 'urn:imputation:job:job-2').props.status).toBe('failed');
    expect(node(g, 'urn:imputation:job:job-3').props.status).toBe('running');
    expect(edges(g, 'INSTANCE_OF', 'urn:imputation:job:job-1', 'urn:imputation:job-type:michigan')).toHaveLength(1);
    expect(edges(g, 'USED', 'urn:imputation:job:job-1', 'urn:imputation:panel:apps@hrc-r1.1@1.0.0')).toHaveLength(1);
    expect(edges(g, 'WAS_ASSOCIATED_WITH', 'urn:imputation:job:job-1', 'urn:agent:user:fedimpute:7')).toHaveLength(1);
  });

  it('links input and output files', () => {
    expect(edges(g, 'USED', 'urn:imputation:job:job-1', 'urn:file:aaaa1111')).toHaveLength(1);
    expect(edges(g, 'WAS_GENERATED_BY', 'urn:file:bbbb2222', 'urn:imputation:job:job-1')).toHaveLength(1);
    expect(edges(g, 'USED', 'urn:imputation:job:job-2', 'urn:file:fedimpute:job:job-2/sample.vcf')).toHaveLength(1);
  });

  it('keeps the status timeline, disambiguating equal timestamps', () => {
    const updates = edges(g, 'HAS_STATUS_UPDATE', 'urn:imputation:job:job-1').map((e) => e.to);
    expect(updates).toEqual([
      'urn:imputation:status:job-1:2025-01-01T10:00:01.000000Z',
      'urn:imputation:status:job-1:2025-01-01T10:00:05.000000Z',
      'urn:imputation:status:job-1:2025-01-01T11:00:05.000000Z',
      'urn:imputation:status:job-1:2025-01-01T11:00:05.000000Z:4',
    ]);
    expect(node(g, updates[2]!).props).toMatchObject({ status: 'completed', progressPercentage: 100, detailsJson: '{"files":2}' });
    expect(nodesWith(g, 'StatusUpdate')).toHaveLength(5);
  });

  it('references what the dumps do not contain and reports it', () => {
    const codes = g.issues.map((i) => i.code).sort();
    expect(codes).toEqual([
      'IMPUTATION_PANEL_UNRESOLVED',
      'IMPUTATION_SERVICE_UNRESOLVED',
      'IMPUTATION_SERVICE_UNRESOLVED',
      'IMPUTATION_STATUS_FOR_UNKNOWN_JOB',
      'IMPUTATION_TABLE_NOT_MAPPED',
      'IMPUTATION_TABLE_NOT_MAPPED',
      'PGDUMP_COPY_UNTERMINATED',
      'PGDUMP_ROW_WIDTH',
    ]);
    expect(node(g, 'urn:imputation:job-type:service-3').mode).toBe('reference');
    expect(node(g, 'urn:imputation:job:job-x').mode).toBe('reference');
    expect(g.stats).toMatchObject({ 'unmappedRows.service_health_logs': 2, jobs: 3, statusUpdates: 5 });
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorableProps(g)).toEqual([]);
  });

  it('maps one dump alone, naming services and panels by id', () => {
    const one = mapImputationDump(read('jobs.sql').text);
    expect(edges(one, 'INSTANCE_OF', 'urn:imputation:job:job-1', 'urn:imputation:job-type:service-1')).toHaveLength(1);
    expect(edges(one, 'USED', 'urn:imputation:job:job-1', 'urn:imputation:panel:panel-10')).toHaveLength(1);
  });
});
