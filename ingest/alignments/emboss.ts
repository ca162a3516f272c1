import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readLines } from '../common/text-stream.js';
import { portableBasename } from '../common/version.js';
import { coordinateMismatch, type AlignedSequence } from './aligned-blocks.js';
import { addAlignedSequence, alignedSequenceId, alignmentUrn } from './alignment-node.js';
import { EmbossParser } from './emboss-parser.js';
import type { ParsedAlignment } from './emboss-types.js';
import { addMutation, deriveSubstitutions } from './mutations.js';

function identicalColumns(a: AlignedSequence, b: AlignedSequence): number {
  let n = 0;
  for (let i = 0; i < Math.min(a.aligned.length, b.aligned.length); i++) {
    const x = a.aligned[i]!.toUpperCase();
    if (x !== '-' && x === b.aligned[i]!.toUpperCase()) n++;
  }
  return n;
}

/** Which aligned sequence is the reference: names that say so win, else `referenceSide` (default 2). */
function sides(a: ParsedAlignment, referenceSide: 1 | 2): [number, number] {
  const [n1, n2] = [a.names[0]?.toLowerCase(), a.names[1]?.toLowerCase()];
  if (n1 === 'reference' && n2 !== 'reference') return [1, 0];
  if (n2 === 'reference' && n1 !== 'reference') return [0, 1];
  return referenceSide === 1 ? [1, 0] : [0, 1];
}

function checks(a: ParsedAlignment, f: Fragment, urn: string): void {
  for (const i of a.issues) f.issue(i.severity, i.code, i.message, { ...(i.line !== undefined ? { line: i.line } : {}), subject: urn });
  if (!a.seqs.length) {
    f.issue('warning', 'EMBOSS_NO_SEQUENCE_LINES', 'alignment has a header but no sequence lines', { subject: urn });
    return;
  }
  const width = a.seqs[0]!.aligned.length;
  if (a.length !== undefined && a.length !== width) {
    f.issue('warning', 'EMBOSS_LENGTH_MISMATCH', `header Length ${a.length}, ${width} aligned columns read`, { subject: urn });
  }
  a.seqs.forEach((s, i) => {
    if (coordinateMismatch(s)) {
      f.issue('warning', 'EMBOSS_COORDINATE_MISMATCH', `sequence ${i + 1}: ${s.residues} residues for ${s.firstResidue}..${s.end}`, { subject: urn });
    }
  });
  if (a.seqs.length === 2 && a.identity?.count !== undefined) {
    const same = identicalColumns(a.seqs[0]!, a.seqs[1]!);
    if (same !== a.identity.count) {
      f.issue('warning', 'EMBOSS_IDENTITY_MISMATCH', `header Identity ${a.identity.count}, ${same} identical columns read`, { subject: urn });
    }
  }
}

/** One parsed alignment → Alignment, its QUERY/REFERENCE sequences and the substitutions it reveals. */
export function mapEmbossAlignment(a: ParsedAlignment, file: string, f: Fragment, opts: BioReadOptions): void {
  const [q, r] = sides(a, opts.referenceSide ?? 2);
  const queryId = alignedSequenceId(a.names[q] ?? '', 'query', file, a.index);
  const referenceId = alignedSequenceId(a.names[r] ?? '', 'reference', file, a.index);
  const urn = alignmentUrn(file, a.index, queryId, referenceId);
  const qs = a.seqs[q];
  const rs = a.seqs[r];
  const props: Props = {
    program: a.report.Program,
    alignFormat: a.layout,
    matrix: a.matrix,
    gapOpen: a.gapOpen,
    gapExtend: a.gapExtend,
    length: a.length ?? a.seqs[0]?.aligned.length,
    identity: a.identity?.count,
    identityPercent: a.identity?.percent,
    similarity: a.similarity?.count,
    similarityPercent: a.similarity?.percent,
    gaps: a.gaps?.count,
    gapsPercent: a.gaps?.percent,
    score: a.score,
    queryId,
    referenceId,
    queryStart: qs?.firstResidue ?? qs?.start,
    queryEnd: qs?.end,
    referenceStart: rs?.firstResidue ?? rs?.start,
    referenceEnd: rs?.end,
    queryDescending: qs?.descending,
    referenceDescending: rs?.descending,
    queryAligned: qs?.aligned,
    referenceAligned: rs?.aligned,
    sequenceCount: a.seqs.length || a.names.length,
    memberIds: a.names.length > 2 ? a.names : undefined,
    sourceFile: portableBasename(file),
    alignmentIndex: a.index,
    rundate: a.report.Rundate,
    commandLine: a.report.Commandline,
    reportFile: a.report.Report_file,
    headerJson: Object.keys(a.extra).length ? JSON.stringify(a.extra) : undefined,
  };
  f.node({ urn, labels: ['Alignment'], props });
  f.count('alignments');
  checks(a, f, urn);
  const query = addAlignedSequence(f, queryId, { alignedName: a.names[q] });
  const reference = addAlignedSequence(f, referenceId, { alignedName: a.names[r] });
  f.edge('QUERY', urn, query.urn);
  f.edge('REFERENCE', urn, reference.urn);
  a.names.forEach((name, i) => {
    if (i === q || i === r) return;
    const member = addAlignedSequence(f, alignedSequenceId(name, 'query', file, a.index));
    f.edge('QUERY', urn, member.urn, { member: i + 1 });
  });
  if (a.seqs.length !== 2 || !qs || !rs) {
    if (a.seqs.length > 2) f.issue('info', 'EMBOSS_MULTIPLE_ALIGNMENT', `${a.seqs.length} sequences: no substitutions derived`, { subject: urn });
    return;
  }
  const unknown = new Set(/^E?DNA/i.test(a.matrix ?? '') ? ['N'] : ['X']);
  const subs = deriveSubstitutions(qs, rs, unknown);
  props.substitutionCount = subs.length;
  for (const s of subs) {
    const m = addMutation(f, {
      targetUrn: reference.urn,
      position: s.position,
      referenceResidue: s.referenceResidue,
      variantResidue: s.variantResidue,
      mutationType: 'substitution',
      mode: 'reference',
    });
    f.edge('REVEALS', urn, m, s.queryPosition !== undefined ? { queryPosition: s.queryPosition } : undefined);
  }
}

/**
 * EMBOSS water/needle/matcher/stretcher reports (srspair, pair, pre-`Align_format` files, the legacy
 * `Global:`/`Local:` layout, n-sequence alignments). Record = one alignment; memory holds one alignment.
 */
export async function* readEmboss(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const parser = new EmbossParser();
  let found = 0;
  const handle = (a: ParsedAlignment) => {
    found++;
    if (b.consume()) b.guard(a.line, undefined, (f) => mapEmbossAlignment(a, file, f, opts));
  };
  for await (const line of readLines(file)) {
    const done = parser.push(line);
    if (done) {
      handle(done);
      if (b.full) yield b.take();
    }
  }
  const last = parser.end();
  if (last) handle(last);
  if (parser.strayCount) {
    b.issue('warning', 'EMBOSS_UNPARSED_LINES', `${parser.strayCount} line(s) outside any alignment were ignored`, { line: parser.firstStrayLine });
  }
  if (!found) b.issue('error', 'EMBOSS_NO_ALIGNMENT', 'no alignment found: not an EMBOSS pair/srspair report');
  yield b.finish();
}
