import { statSync } from 'node:fs';
import path from 'node:path';
import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { HelixError } from '../errors.js';
import { readBioFile } from './bio-readers.js';
import {
  BIO_FORMATS,
  GeneIdIndex,
  detectBioFormat,
  isBioFormat,
  planBioDirectory,
  readFirstBytes,
  type BioKind,
  type PlannedBioFile,
} from '../../ingest/bio/index.js';
import type { IngestIssue } from '../../ingest/core/graph.js';
import { runStreamed, type StreamSource } from './streamed.js';
import { withLifecycle } from './lifecycle.js';

const Q = requireQueries(['bio/list-approved-genes', 'bio/list-fallback-genes'] as const);

/** `helix ingest hgnc|uniprot|annotations|alignments <file|dir>` (genes/proteins/bio are accepted too). */
export function bioRunner(cliKind: string, kind: BioKind | undefined) {
  return withLifecycle(cliKind, async (run, input, o) => {
    const { exec } = run;
    const { files, issues } = await planFiles(input, kind, o.format);
    if (files.length === 0) {
      throw new HelixError('BAD_USER_INPUT', `no ${kind ?? 'bio'} files found at ${input}${issues.length ? `: ${issues.map((i) => i.message).join('; ')}` : ''}`);
    }
    const geneIndex = await loadGeneIndex(exec);
    const sources: StreamSource[] = files.map((f) => ({
      file: f.file,
      scope: `bio:${f.format}:${path.basename(f.file)}`,
      phase: f.kind === 'genes' && BIO_FORMATS[f.format].rank === 0 ? 0 : f.kind === 'genes' ? 1 : 2,
      read: (skip) => readBioFile(f.file, f.format, { skip, geneIndex, batchSize: 500 }),
      afterBatch: f.kind === 'genes' ? (batch) => geneIndex.observe(batch) : undefined,
    }));
    return runStreamed(run, { source: input, sources, extraIssues: issues, mergeProps: true });
  });
}

async function planFiles(input: string, kind: BioKind | undefined, format: string | undefined) {
  const issues: IngestIssue[] = [];
  const stat = statSync(input, { throwIfNoEntry: false });
  if (!stat) throw new HelixError('BAD_USER_INPUT', `${input} does not exist`);
  if (format !== undefined && !isBioFormat(format)) {
    throw new HelixError('BAD_USER_INPUT', `unknown --format '${format}'; known: ${Object.keys(BIO_FORMATS).join(', ')}`);
  }
  if (stat.isDirectory()) {
    const plan = await planBioDirectory(input, kind);
    for (const s of plan.skipped) issues.push({ severity: 'info', code: 'BIO_FILE_SKIPPED', message: s.reason, file: s.file });
    return { files: plan.files, issues };
  }
  const detected = format && isBioFormat(format) ? { format, kind: BIO_FORMATS[format].kind as BioKind } : detectBioFormat(input, await readFirstBytes(input));
  if (!detected) throw new HelixError('BAD_USER_INPUT', `cannot tell the format of ${input}; name it with --format (${Object.keys(BIO_FORMATS).join(', ')})`);
  if (kind && detected.kind !== kind) {
    throw new HelixError('BAD_USER_INPUT', `${input} looks like ${detected.format} (${detected.kind}), not ${kind}; use --format to override`);
  }
  return { files: [{ file: input, ...detected } as PlannedBioFile], issues };
}

async function loadGeneIndex(exec: Executor): Promise<GeneIdIndex> {
  const index = new GeneIdIndex();
  for (const r of await exec.read(Q['bio/list-approved-genes'])) {
    index.add({
      hgncId: String(r.hgncId),
      symbol: (r.symbol as string | null) ?? undefined,
      ensemblGeneId: (r.ensemblGeneId as string | null) ?? undefined,
      entrezId: (r.entrezId as string | null) ?? undefined,
    });
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? undefined : String(v));
  for (const r of await exec.read(Q['bio/list-fallback-genes'])) {
    const symbolTaxon = String(r.urn).match(/^urn:gene:symbol:([^:]+):/)?.[1];
    index.addFallback(String(r.urn), {
      ensemblGeneId: text(r.ensemblGeneId),
      entrezId: text(r.entrezId),
      symbol: text(r.symbol),
      taxonId: text(r.taxonId) ?? symbolTaxon ?? '9606',
    });
  }
  return index;
}
