import type { Fragment } from '../common/batch.js';
import { COMMON_MISSING, cell, int, list, num } from '../common/missing.js';
import { toUtcIso } from '../common/time.js';
import { addGeneHit, genomeFromSequenceFile, normalizeAroId, normalizeGenomeAccession } from './genome-hit.js';

/** Which tool wrote the hit; kept in the hit's `tools[]`. */
export type HitTool = 'rgi' | 'card' | 'abricate' | 'summary';

export interface HitContext {
  tool: HitTool;
  /** The genome when the record does not name it (manifest key, file name). */
  genome?: string;
  /** Used only when neither the record nor a `_genome` contig names the genome (RGI output named after it). */
  fileGenome?: string;
}

/** Header names as keys: case-insensitive, spaces and dashes as `_`, ABRicate's leading `#` dropped. */
export function columnKey(name: string): string {
  return name.trim().replace(/^#/, '').toLowerCase().replace(/[\s-]+/g, '_');
}

export function byColumnKey(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const key = columnKey(k);
    if (!(key in out)) out[key] = v;
  }
  return out;
}

const VERSION_MISSING: ReadonlySet<string> = new Set([...COMMON_MISSING, 'unknown', 'Unknown']);

function genomeOf(v: Record<string, unknown>, ctx: HitContext, contig: string | undefined): string | undefined {
  if (ctx.genome) return ctx.genome;
  if (ctx.tool === 'abricate') return genomeFromSequenceFile(v.file);
  const named = normalizeGenomeAccession(v.genome_id ?? v.genome_accession ?? v.genome ?? v.accession);
  if (named) return named;
  // RGI writes contigs, not genomes; GenomeAMR's contigs are `<accession>_genome`.
  if (contig && /_genome$/i.test(contig)) return normalizeGenomeAccession(contig);
  return ctx.fileGenome;
}

/**
 * One hit record (a table row or a manifest gene, keys by `columnKey`) → GeneHit; undefined when it cannot be
 * identified (an issue says why). Column names of CARD coordinate CSVs, the summary, RGI main output and ABRicate.
 */
export function mapHitRecord(v: Record<string, unknown>, ctx: HitContext, f: Fragment): string | undefined {
  const bad = (column: string) => (text: string) => f.issue('warning', 'BAD_NUMBER', `${column}: "${text}" is not a number`);
  const bestHitAro = cell(v.best_hit_aro);
  const bestHitIsId = normalizeAroId(bestHitAro) !== undefined;
  const aroName = cell(v.best_hit_aro_name) ?? cell(v.aro_name) ?? (bestHitIsId ? undefined : bestHitAro);
  const gene = cell(v.gene_name) ?? cell(v.gene) ?? aroName;
  const contig = cell(v.contig_id) ?? cell(v.contig) ?? cell(v.sequence);
  const start = int(v.start, bad('start'));
  const end = int(v.end ?? v.stop, bad('end'));
  const genome = genomeOf(v, ctx, contig);
  const missing = Object.entries({ gene, genome, contig, start, end }).filter(([, x]) => x === undefined).map(([k]) => k);
  if (!gene || !genome || !contig || start === undefined || end === undefined) {
    f.issue('error', 'GENOMEAMR_HIT_INCOMPLETE', `hit record skipped, no ${missing.join(', ')}`, genome ? { subject: genome } : {});
    return undefined;
  }
  const rawAccession = ctx.tool === 'abricate' ? cell(v.accession) : undefined;
  const aroId = normalizeAroId(v.aro_id) ?? normalizeAroId(v.aro) ?? (bestHitIsId ? normalizeAroId(bestHitAro) : undefined) ?? normalizeAroId(rawAccession);
  const drugClasses = list(v.drug_class, ';');
  const time = cell(v.analysis_timestamp);
  const analysisTimestamp = toUtcIso(time);
  if (time && !analysisTimestamp) f.issue('warning', 'BAD_TIMESTAMP', `analysis_timestamp: "${time}" is not a date-time`);
  return addGeneHit(f, {
    genome,
    contig,
    start,
    end,
    gene,
    aroId,
    aroName,
    props: {
      strand: cell(v.strand) ?? cell(v.orientation),
      cutOff: cell(v.cut_off),
      bitscore: num(v.bitscore ?? v.best_hit_bitscore ?? v.pass_bitscore, bad('bitscore')),
      modelType: cell(v.model_type),
      drugClasses: drugClasses.length ? drugClasses : undefined,
      resistanceMechanism: cell(v.resistance_mechanism),
      amrGeneFamily: cell(v.amr_gene_family),
      analysisTimestamp,
      rgiVersion: cell(v.rgi_version, VERSION_MISSING),
      cardVersion: cell(v.card_version, VERSION_MISSING),
      coverage: num(v['%coverage'] ?? v.percentage_length_of_reference_sequence, bad('coverage')),
      identity: num(v['%identity'] ?? v.best_identities, bad('identity')),
      database: cell(v.database),
      product: cell(v.product),
      resistance: cell(v.resistance),
      referenceAccession: rawAccession && !aroId ? rawAccession : undefined,
      tools: [ctx.tool],
    },
  });
}
