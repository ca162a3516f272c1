import { XMLParser } from 'fast-xml-parser';
import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { cell, num } from '../common/missing.js';
import { openContent } from '../common/text-stream.js';
import { portableBasename } from '../common/version.js';
import { addAlignedSequence, alignedSequenceId, alignmentUrn, isGenericSequenceName } from './alignment-node.js';
import { addBlastSubstitutions } from './blast-mutations.js';

type Json = Record<string, unknown>;

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'Hit' || name === 'Hsp',
});

interface Run {
  program?: string;
  version?: string;
  database?: string;
  matrix?: string;
  gapOpen?: number;
  gapExtend?: number;
  expect?: number;
}

function tag(text: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(text);
  return m ? cell(m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) : undefined;
}

function runFromHeader(head: string): Run {
  return {
    program: tag(head, 'BlastOutput_program'),
    version: tag(head, 'BlastOutput_version'),
    database: tag(head, 'BlastOutput_db'),
    matrix: tag(head, 'Parameters_matrix'),
    gapOpen: num(tag(head, 'Parameters_gap-open')),
    gapExtend: num(tag(head, 'Parameters_gap-extend')),
    expect: num(tag(head, 'Parameters_expect')),
  };
}

/** BLAST+ writes `Query_1` / `gnl|BL_ORD_ID|7` when it had no usable id; the definition line then holds it. */
function realId(id: string | undefined, def: string | undefined): string {
  const generic = !id || isGenericSequenceName(id.replace(/^lcl\|/, '')) || /^gnl\|BL_ORD_ID\|/.test(id);
  const fromDef = def && def !== 'No definition line' ? def.split(/\s+/)[0] : undefined;
  return (generic ? fromDef : id) ?? id ?? '';
}

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function mapIteration(it: Json, run: Run, file: string, nextIndex: () => number, f: Fragment, opts: BioReadOptions): void {
  const queryRaw = realId(cell(it['Iteration_query-ID']), cell(it['Iteration_query-def']));
  const hits = arr((it.Iteration_hits as Json | undefined)?.Hit);
  if (!hits.length) f.count('queriesWithoutHits');
  for (const hit of hits) {
    const subjectRaw = realId(cell(hit.Hit_id), cell(hit.Hit_def));
    for (const hsp of arr((hit.Hit_hsps as Json | undefined)?.Hsp)) {
      const index = nextIndex();
      const queryId = alignedSequenceId(queryRaw, 'query', file, index);
      const referenceId = alignedSequenceId(subjectRaw, 'reference', file, index);
      const urn = alignmentUrn(file, index, queryId, referenceId);
      const n = (k: string) => num(hsp[k], (bad) => f.issue('warning', 'BAD_NUMBER', `${k}: "${bad}" is not a number`, { subject: urn }));
      const length = n('Hsp_align-len');
      const pct = (x: number | undefined) => (x !== undefined && length ? Math.round((x / length) * 1000) / 10 : undefined);
      const props: Props = {
        program: run.program,
        programVersion: run.version,
        database: run.database,
        matrix: run.matrix,
        gapOpen: run.gapOpen,
        gapExtend: run.gapExtend,
        length,
        identity: n('Hsp_identity'),
        identityPercent: pct(n('Hsp_identity')),
        similarity: n('Hsp_positive'),
        similarityPercent: pct(n('Hsp_positive')),
        gaps: n('Hsp_gaps'),
        gapsPercent: pct(n('Hsp_gaps')),
        score: n('Hsp_score'),
        bitScore: n('Hsp_bit-score'),
        evalue: n('Hsp_evalue'),
        queryId,
        referenceId,
        queryStart: n('Hsp_query-from'),
        queryEnd: n('Hsp_query-to'),
        referenceStart: n('Hsp_hit-from'),
        referenceEnd: n('Hsp_hit-to'),
        queryFrame: n('Hsp_query-frame'),
        referenceFrame: n('Hsp_hit-frame'),
        queryLength: num(it['Iteration_query-len']),
        referenceLength: num(hit.Hit_len),
        queryAligned: cell(hsp.Hsp_qseq),
        referenceAligned: cell(hsp.Hsp_hseq),
        midline: typeof hsp.Hsp_midline === 'string' ? hsp.Hsp_midline : undefined,
        referenceTitle: cell(hit.Hit_def),
        referenceAccession: cell(hit.Hit_accession),
        sourceFile: portableBasename(file),
        alignmentIndex: index,
      };
      f.node({ urn, labels: ['Alignment'], props });
      f.count('alignments');
      const query = addAlignedSequence(f, queryId, { alignedName: queryRaw, description: cell(it['Iteration_query-def']) });
      const reference = addAlignedSequence(f, referenceId, { alignedName: subjectRaw, description: cell(hit.Hit_def) });
      f.edge('QUERY', urn, query.urn);
      f.edge('REFERENCE', urn, reference.urn);
      if (opts.deriveMutations) addBlastSubstitutions(f, urn, reference.urn, props);
    }
  }
}

/** `<Iteration>…</Iteration>` chunks of a BLAST XML stream, one at a time (memory: one query's hits). */
async function* iterations(file: string, onHeader: (head: string) => void): AsyncGenerator<{ text: string; offset: number }> {
  const input = await openContent(file);
  input.setEncoding('utf8');
  let buffer = '';
  let headerSeen = false;
  let offset = 0;
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      buffer += chunk;
      if (!headerSeen) {
        const at = buffer.indexOf('<Iteration>');
        if (at < 0) continue;
        onHeader(buffer.slice(0, at));
        headerSeen = true;
      }
      for (let end = buffer.indexOf('</Iteration>'); end >= 0; end = buffer.indexOf('</Iteration>')) {
        const start = buffer.indexOf('<Iteration>');
        const stop = end + '</Iteration>'.length;
        yield { text: buffer.slice(start, stop), offset: offset + start };
        offset += stop;
        buffer = buffer.slice(stop);
      }
    }
    if (!headerSeen) onHeader(buffer);
  } finally {
    input.destroy();
  }
}

/** BLAST XML (`-outfmt 5`, NCBI_BlastOutput v1). Record = one iteration (query); HSP order gives alignment indices. */
export async function* readBlastXml(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  let run: Run = {};
  let index = 0;
  let header = '';
  try {
    for await (const { text } of iterations(file, (head) => ((header = head), (run = runFromHeader(head))))) {
      let parsed: Json;
      try {
        parsed = (xml.parse(text) as Json).Iteration as Json;
      } catch (err) {
        if (b.consume()) b.issue('error', 'BLAST_XML_ITERATION_INVALID', `iteration not readable: ${(err as Error).message}`);
        continue;
      }
      const hsps = arr((parsed.Iteration_hits as Json | undefined)?.Hit).reduce((a, h) => a + arr((h.Hit_hsps as Json | undefined)?.Hsp).length, 0);
      const first = index;
      index += hsps;
      if (!b.consume()) continue;
      let k = first;
      b.guard(undefined, cell(parsed['Iteration_query-ID']), (f) => mapIteration(parsed, run, file, () => k++, f, opts));
      if (b.full) yield b.take();
    }
  } catch (err) {
    b.issue('error', 'BLAST_XML_UNREADABLE', `BLAST XML reading stopped: ${(err as Error).message}`);
  }
  if (/<BlastXML2|<BlastOutput2/.test(header)) b.issue('error', 'BLAST_XML2_UNSUPPORTED', 'BLAST XML2 (-outfmt 16) is not read; use -outfmt 5');
  else if (!/<BlastOutput[\s>]/.test(header)) b.issue('error', 'BLAST_XML_NOT_FOUND', 'no <BlastOutput> element: not BLAST XML');
  yield b.finish();
}
