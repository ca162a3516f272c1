import { createHash } from 'node:crypto';
import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import { addSequenceReference, sequenceRefFromId, type SequenceRef } from '../common/bio/sequence-ref.js';
import { portableBasename } from '../common/version.js';

/**
 * `urn:alignment:<first 24 hex of sha256("<file basename>\n<index>\n<query id>\n<reference id>")>`: stable across
 * machines (basename only) and shared by every reader that knows the same four facts (EMBOSS report, GenomeAMR
 * manifest, GenomeAMR mutation CSV).
 */
export function alignmentUrn(sourceFile: string, index: number, queryId: string, referenceId: string): string {
  const key = `${portableBasename(sourceFile)}\n${index}\n${queryId}\n${referenceId}`;
  return `urn:alignment:${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/** Names tools write for "the first/second sequence" that identify nothing on their own. */
const GENERIC = /^(query|reference|ref|subject|sbjct|asis|seq|sequence|seq[ab12]|unknown|stdin|Query_\d+|Subject_\d+|)$/i;

export function isGenericSequenceName(name: string): boolean {
  return GENERIC.test(name.trim());
}

/** GenomeAMR's ProductionWildTypeAligner writes `{accession}_{gene}_alignment.water`. */
export function genomeAmrAlignmentFile(file: string): { accession: string; gene: string } | undefined {
  const m = /^(.+)_([^_]+)_alignment\.water$/i.exec(portableBasename(file));
  return m ? { accession: m[1]!, gene: m[2]! } : undefined;
}

/** GenomeAMR identifiers: the genome's protein `<accession>_<gene>` against the gene's wild-type reference. */
export function genomeAmrIds(accession: string, gene: string): { queryId: string; referenceId: string } {
  return { queryId: `${accession}_${gene}`, referenceId: `wildtype_${gene}` };
}

/**
 * The Protein/Sequence an alignment names. Generic names (`query`, `asis`, `Query_1`, empty) are made unique per
 * alignment and side (`<file>#<index>:<side>:<name>`), except in GenomeAMR alignment files where the file name says what they are.
 */
export function alignedSequenceId(name: string, side: 'query' | 'reference', file: string, index: number): string {
  if (!isGenericSequenceName(name)) return name.trim();
  const amr = genomeAmrAlignmentFile(file);
  if (amr) return genomeAmrIds(amr.accession, amr.gene)[side === 'query' ? 'queryId' : 'referenceId'];
  return `${portableBasename(file)}#${index}:${side}${name.trim() ? `:${name.trim()}` : ''}`;
}

/** Add the sequence an alignment points at (reference mode: the alignment does not own it). */
export function addAlignedSequence(f: Fragment, id: string, extra: Props = {}): SequenceRef {
  const ref = sequenceRefFromId(id);
  addSequenceReference(f, ref, extra);
  return ref;
}
