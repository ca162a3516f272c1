import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapImputationDumps } from '../../../../ingest/imputation/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, listFiles, unstorable } from '../provenance-helpers.js';

const root = corpusPath('seeds/fedimpute');
const dumps = listFiles(root, '.sql').map((file) => ({ file: path.basename(file), text: readFileSync(file, 'utf8') }));

/** Rows of every COPY block, split on tabs, straight from the dump text (escapes left as they are). */
function copyTables(text: string): Map<string, Array<Record<string, string>>> {
  const tables = new Map<string, Array<Record<string, string>>>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const m = /^COPY public\.(\w+) \((.*)\) FROM stdin;$/.exec(lines[i]!);
    if (!m) continue;
    const columns = m[2]!.split(', ').map((c) => c.replace(/"/g, ''));
    const rows: Array<Record<string, string>> = [];
    for (i += 1; lines[i] !== '\\.'; i += 1) rows.push(Object.fromEntries(lines[i]!.split('\t').map((v, k) => [columns[k], v])));
    tables.set(m[1]!, rows);
  }
  return tables;
}

const tables = new Map(dumps.flatMap((d) => [...copyTables(d.text)]));
const rows = (name: string) => tables.get(name) ?? [];

describe('federated imputation dumps', () => {
  const g = mapImputationDumps(dumps);

  it('finds the dumps', () => {
    expect(dumps.length).toBeGreaterThan(0);
  });

  it('maps without errors to a consistent graph', () => {
    expect(g.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
  });

  it('has one service Agent and job type per service and one panel per reference panel', () => {
    for (const s of rows('imputation_services')) {
      expect(g.nodes.find((n) => n.urn === `urn:agent:service:${s.slug}`)?.props.name).toBe(s.name);
      expect(g.nodes.find((n) => n.urn === `urn:imputation:job-type:${s.slug}`)?.labels).toEqual(['Job']);
    }
    expect(g.nodes.filter((n) => n.labels.includes('ReferencePanel'))).toHaveLength(rows('reference_panels').length);
  });

  it('has one Run per job, with its status, service, panel and status timeline', () => {
    const jobs = rows('imputation_jobs');
    expect(g.nodes.filter((n) => n.labels.includes('Run'))).toHaveLength(jobs.length);
    for (const job of jobs) {
      const run = `urn:imputation:job:${job.id}`;
      const node = g.nodes.find((n) => n.urn === run)!;
      expect(node.props.rawStatus).toBe(job.status);
      expect(node.props.externalJobId).toBe(job.external_job_id === '\\N' ? undefined : job.external_job_id);
      const service = rows('imputation_services').find((s) => s.id === job.service_id)!;
      expect(edgesOf(g, 'INSTANCE_OF', run, `urn:imputation:job-type:${service.slug}`)).toHaveLength(1);
      const panel = rows('reference_panels').find((p) => p.id === job.reference_panel_id)!;
      expect(edgesOf(g, 'USED', run, `urn:imputation:panel:${panel.slug}`)).toHaveLength(1);
      const updates = rows('job_status_updates').filter((u) => u.job_id === job.id);
      expect(edgesOf(g, 'HAS_STATUS_UPDATE', run)).toHaveLength(updates.length);
      const lastStatus = [...updates].sort((a, b) => a.timestamp!.localeCompare(b.timestamp!)).pop()?.status;
      if (lastStatus) expect(node.props.status).toBe(lastStatus);
    }
    expect(g.nodes.filter((n) => n.labels.includes('StatusUpdate'))).toHaveLength(rows('job_status_updates').length);
  });

  it('reports the tables it does not map', () => {
    for (const [name, list] of tables) {
      const mapped = ['imputation_services', 'reference_panels', 'imputation_jobs', 'job_status_updates', 'file_records'].includes(name);
      if (!mapped && list.length > 0) expect(g.issues.some((i) => i.code === 'IMPUTATION_TABLE_NOT_MAPPED' && i.message.startsWith(`table ${name}: ${list.length} rows`))).toBe(true);
    }
  });
});
