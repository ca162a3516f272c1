import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { detectBioFormat } from './detect.js';
import { BIO_FORMATS, BIO_KINDS, type BioKind, type DetectedBioFormat } from './formats.js';
import { readFirstBytes } from '../common/text-stream.js';

export interface PlannedBioFile extends DetectedBioFormat {
  file: string;
}

export interface BioDirectoryPlan {
  /** Files to ingest, in dependency order: genes (HGNC first), proteins, annotations, alignments. */
  files: PlannedBioFile[];
  /** Files that are not a bio format (or not of the requested kind), with the reason. */
  skipped: { file: string; reason: string }[];
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full);
    else if (e.isFile()) yield full;
  }
}

/** Every file under `dir` with its detected kind and format, ordered so that referenced things come first. */
export async function planBioDirectory(dir: string, kind?: BioKind): Promise<BioDirectoryPlan> {
  const plan: BioDirectoryPlan = { files: [], skipped: [] };
  for await (const file of walk(dir)) {
    const found = detectBioFormat(file, await readFirstBytes(file));
    if (!found) plan.skipped.push({ file, reason: 'not a recognised bio format' });
    else if (kind && found.kind !== kind) plan.skipped.push({ file, reason: `${found.format} is of kind ${found.kind}, not ${kind}` });
    else plan.files.push({ file, ...found });
  }
  const rank = (f: PlannedBioFile) => BIO_KINDS.indexOf(f.kind) * 100 + BIO_FORMATS[f.format].rank;
  plan.files.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
  return plan;
}
