import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { cell, num } from '../common/missing.js';
import { readTable } from '../common/delimited.js';
import { portableBasename } from '../common/version.js';
import { addAlignedSequence, alignedSequenceId, alignmentUrn } from './alignment-node.js';
import { columnsByCount, columnsFromFields, columnsFromRbhHeader } from './blast-columns.js';
import { addBlastSubstitutions } from './blast-mutations.js';

interface TableState {
  columns?: string[];
  program?: string;
  version?: string;
  database?: string;
  rbh: boolean;
}

/** `# BLASTP 2.2.18+` → program and version. */
function programLine(text: string, s: TableState): boolean {
  const m = /^#\s*(T?BLAST[NPX]|BLASTN|TBLASTX|PSIBLAST|RPSBLAST|DELTABLAST)\s+(\S+)/i.exec(text);
  if (!m) return false;
  s.program = m[1]!.toLowerCase();
  s.version = `${m[1]!.toUpperCase()} ${m[2]}`;
  return true;
}

function mapHit(v: Record<string, string>, index: number, file: string, s: TableState, f: Fragment, opts: BioReadOptions): void {
  const n = (k: string) => num(v[k], (bad) => f.issue('warning', 'BAD_NUMBER', `${k}: "${bad}" is not a number`));
  const queryRaw = cell(v.qseqid) ?? cell(v.qaccver) ?? cell(v.qacc) ?? '';
  const all = (cell(v.sallseqid) ?? '').split(';').map((x) => x.trim()).filter(Boolean);
  const subjects = (cell(v.sseqid) ?? cell(v.saccver) ?? cell(v.sacc) ?? all.join(';')).split(';').map((x) => x.trim()).filter(Boolean);
  // A bare subject accession (`NP_001009242.1`) whose full FASTA id is in `sallseqid` gets the full id, so it
  // resolves to the same Sequence node as the FASTA record.
  if (subjects[0] && all[0] && all[0] !== subjects[0] && all[0].split('|').includes(subjects[0])) subjects[0] = all[0];
  const aliases = all.filter((x) => x !== subjects[0]);
  const queryId = alignedSequenceId(queryRaw, 'query', file, index);
  const referenceId = alignedSequenceId(subjects[0] ?? '', 'reference', file, index);
  const urn = alignmentUrn(file, index, queryId, referenceId);
  const sstart = n('sstart');
  const send = n('send');
  const props: Props = {
    program: s.program ?? (s.rbh ? 'blast-rbh' : 'blast'),
    programVersion: s.version,
    database: s.database,
    length: n('length'),
    identity: n('nident'),
    identityPercent: n('pident'),
    similarity: n('positive'),
    similarityPercent: n('ppos'),
    mismatches: n('mismatch'),
    gapOpens: n('gapopen'),
    gaps: n('gaps'),
    evalue: n('evalue'),
    bitScore: n('bitscore'),
    score: n('score') ?? n('bitscore'),
    queryId,
    referenceId,
    queryStart: n('qstart'),
    queryEnd: n('qend'),
    referenceStart: sstart,
    referenceEnd: send,
    referenceDescending: sstart !== undefined && send !== undefined ? send < sstart : undefined,
    queryLength: n('qlen'),
    referenceLength: n('slen'),
    queryFrame: n('qframe'),
    referenceFrame: n('sframe'),
    queryCoverage: n('qcovhsp'),
    referenceCoverage: n('scovhsp'),
    queryAligned: cell(v.qseq),
    referenceAligned: cell(v.sseq),
    referenceTitle: cell(v.salltitles) ?? cell(v.stitle),
    referenceAliases: [...subjects.slice(1), ...aliases.filter((a) => !subjects.includes(a))],
    sourceFile: portableBasename(file),
    alignmentIndex: index,
  };
  f.node({ urn, labels: ['Alignment'], props });
  f.count('alignments');
  const query = addAlignedSequence(f, queryId, { alignedName: queryRaw });
  const reference = addAlignedSequence(f, referenceId, { alignedName: subjects[0] });
  f.edge('QUERY', urn, query.urn);
  f.edge('REFERENCE', urn, reference.urn);
  if (opts.deriveMutations) addBlastSubstitutions(f, urn, reference.urn, props);
}

/**
 * BLAST tabular output: `-outfmt 6` (12 std columns), 13 columns with `% positives`, Galaxy's 25 extended columns,
 * `-outfmt 7` / legacy `-m 9` with `# Fields:` comments (including `# 0 hits found`), and reciprocal-best-hit
 * tables (`#A_id B_id …`). Record = one hit row; its position in the file is the alignment index.
 */
export async function* readBlastTabular(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const s: TableState = { rbh: false };
  let index = 0;
  const columnsOf = (cells: string[]) => s.columns ?? columnsByCount(cells.length);
  // Comments carry the layout and run facts; readTable hands them over in file order, before the rows they precede.
  const onPreamble = (text: string) => {
    const rbh = columnsFromRbhHeader(text);
    const fields = rbh ?? columnsFromFields(text);
    if (fields) {
      s.columns = fields;
      s.rbh ||= !!rbh;
    } else if (!programLine(text, s)) {
      const db = /^#\s*Database:\s*(.*)$/.exec(text);
      if (db) s.database = db[1]!.trim() || undefined;
      const hits = /^#\s*(\d+)\s+hits? found/.exec(text);
      if (hits && Number(hits[1]) === 0) b.count('queriesWithoutHits');
    }
  };
  // Cells as BLAST writes them (no unquoting); the cell-count check is BLAST's own (any difference is reported).
  for await (const { line, cells, values } of readTable(file, { delimiter: '\t', columns: columnsOf, unquote: false, onPreamble })) {
    const columns = columnsOf(cells);
    const i = index++;
    if (!b.consume()) continue;
    if (!columns) {
      b.issue('error', 'BLAST_UNKNOWN_LAYOUT', `${cells.length} columns and no "# Fields:" line: row not read`, { line });
    } else {
      if (columns.length !== cells.length) b.issue('warning', 'ROW_COLUMN_COUNT', `row has ${cells.length} cells, ${columns.length} columns expected`, { line });
      b.guard(line, values.qseqid, (f) => mapHit(values, i, file, s, f, opts));
    }
    if (b.full) yield b.take();
  }
  yield b.finish();
}
