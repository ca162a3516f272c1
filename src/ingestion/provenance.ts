import path from 'node:path';
import type { IngestIssue } from '../../ingest/core/graph.js';
import { mapImputationDumps } from '../../ingest/imputation/index.js';
import { mapNextflowMessages, readNextflowTrace } from '../../ingest/nextflow/index.js';
import { isProvNFile, mapProvJson, mapProvN } from '../../ingest/prov/index.js';
import { mapRoCrate } from '../../ingest/rocrate/index.js';
import { mapStrategyJobsJson, mapStrategyYaml } from '../../ingest/strategies/index.js';
import { listInputFiles, readText, runDocuments, type DocumentUnit } from './documents.js';
import { withLifecycle } from './lifecycle.js';

const skipped = (files: string[], all: string[], kind: string): IngestIssue[] =>
  all.filter((f) => !files.includes(f)).map((file) => ({ severity: 'info' as const, code: 'FILE_SKIPPED', message: `not a ${kind} input`, file }));

/** Workflow strategy YAML (both shapes) and job/step/provenance tables exported as JSON. */
export const runStrategiesIngest = withLifecycle('strategies', async (run, input) => {
  const all = await listInputFiles(input, () => true);
  const files = all.filter((f) => /\.(ya?ml|json)$/i.test(f));
  const units: DocumentUnit[] = files.map((file) => ({
    file,
    scope: `strategies:${file}`,
    map: () => (/\.json$/i.test(file) ? mapStrategyJobsJson(readText(file), { file }) : mapStrategyYaml(readText(file), { file })),
  }));
  return runDocuments(run, input, units, skipped(files, all, 'strategy'));
});

/** Imputation platform pg_dump files: every dump of a folder together, so jobs can name services and panels. */
export const runImputationIngest = withLifecycle('imputation', async (run, input) => {
  const all = await listInputFiles(input, () => true);
  const files = all.filter((f) => /\.sql$/i.test(f));
  const units: DocumentUnit[] = files.length === 0 ? [] : [{
    file: input,
    scope: `imputation:${input}`,
    map: () => mapImputationDumps(files.map((file) => ({ text: readText(file), file }))),
  }];
  return runDocuments(run, input, units, skipped(files, all, 'pg_dump'));
});

/** Workflow Run RO-Crates: every ro-crate-metadata.json under the input. */
export const runRoCrateIngest = withLifecycle('rocrate', async (run, input) => {
  const files = await listInputFiles(input, (f) => path.basename(f) === 'ro-crate-metadata.json' || /\.jsonld$/i.test(f));
  const units: DocumentUnit[] = files.map((file) => ({ file, scope: `rocrate:${file}`, map: () => mapRoCrate(readText(file), { file }) }));
  return runDocuments(run, input, units);
});

/** W3C PROV-JSON (`*.json`) and PROV-N (`*.provn`, or any other file starting with `document`), CWLProv included. */
export const runProvIngest = withLifecycle('prov', async (run, input) => {
  const all = await listInputFiles(input, () => true);
  const json = new Set(all.filter((f) => /\.json$/i.test(f)));
  const provn = new Set(all.filter((f) => !json.has(f) && isProvNFile(f)));
  // cwltool writes each run both as PROV-JSON and as PROV-N: one document, read once (from the JSON), so that two
  // files never compete for the ownership of the same nodes.
  const twinOf = (f: string) => f.replace(/\.provn$/i, '.json');
  const twins = [...provn].filter((f) => f !== twinOf(f) && json.has(twinOf(f)));
  const files = all.filter((f) => json.has(f) || (provn.has(f) && !twins.includes(f)));
  const units: DocumentUnit[] = files.map((file) => ({
    file,
    scope: `prov:${file}`,
    map: () => (provn.has(file) ? mapProvN(readText(file), { file }) : mapProvJson(readText(file), { file })),
  }));
  const twinIssues = twins.map((file): IngestIssue => ({ severity: 'info', code: 'FILE_SKIPPED', message: `PROV-N twin of ${path.basename(twinOf(file))}, read from there`, file }));
  return runDocuments(run, input, units, [...skipped([...files, ...twins], all, 'PROV-JSON or PROV-N'), ...twinIssues]);
});

/** Nextflow trace files (streamed) and folders of Tower/weblog messages (one run per folder). */
export const runNextflowIngest = withLifecycle('nextflow', async (run, input) => {
  const all = await listInputFiles(input, () => true);
  const traces = all.filter((f) => /\.(txt|tsv)$/i.test(f) && /^task_id\t/.test(readText(f).slice(0, 200)));
  const messages = all.filter((f) => /\.json$/i.test(f));
  const byDir = new Map<string, string[]>();
  for (const f of messages) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const units: DocumentUnit[] = [
    ...traces.map((file) => ({ file, scope: `nextflow:${file}`, stream: () => readNextflowTrace(file) })),
    ...[...byDir].map(([dir, files]) => ({
      file: dir,
      scope: `nextflow:${dir}`,
      map: () => mapNextflowMessages(files.sort().map((f) => JSON.parse(readText(f))), { runName: path.basename(dir), file: dir }),
    })),
  ];
  return runDocuments(run, input, units, skipped([...traces, ...messages], all, 'Nextflow'));
});
