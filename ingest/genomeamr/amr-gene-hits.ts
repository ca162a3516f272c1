import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions } from '../common/batch.js';
import { readTable } from '../common/delimited.js';
import { readHeadText } from '../common/detect-head.js';
import { portableBasename } from '../common/version.js';
import { abricateHeader, hitTableHeader } from './content.js';
import { genomeFromFileName } from './genome-hit.js';
import { byColumnKey, mapHitRecord, type HitTool } from './hit-record.js';

function toolOf(keys: string[], file: string): HitTool {
  if (keys.includes('file') && keys.includes('sequence')) return 'abricate';
  if (keys.includes('orf_id') || (keys.includes('best_hit_aro') && keys.includes('stop'))) return 'rgi';
  if (/all_resistance_genes|summary/i.test(portableBasename(file))) return 'summary';
  return 'card';
}

/**
 * AMR gene hit tables, columns found by header name (any subset, any case): GenomeAMR's CARD coordinate CSVs
 * (`<acc>_card.csv`, `<acc>_coordinates.csv`), the summary `all_resistance_genes.csv`, RGI main output (TSV) and
 * ABRicate (TSV). Each row is a GeneHit in its Genome (see genome-hit.ts). Record = one row.
 */
export async function* readAmrGeneHits(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const header = hitTableHeader((await readHeadText(file, 8192)).split('\n').map((l) => l.replace(/\r$/, '')));
  const ctx = { tool: toolOf(header?.keys ?? [], file), fileGenome: genomeFromFileName(file) };
  const rows = readTable(file, {
    delimiter: header?.delimiter ?? ',',
    headerFromComment: abricateHeader,
    onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }),
  });
  for await (const row of rows) {
    if (!b.consume()) continue;
    b.guard(row.line, undefined, (f) => mapHitRecord(byColumnKey(row.values), ctx, f));
    if (b.full) yield b.take();
  }
  yield b.finish();
}
