import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import type { AlignedSequence } from './aligned-blocks.js';
import { addMutation, deriveSubstitutions } from './mutations.js';

function aligned(seq: unknown, start: unknown, end: unknown): AlignedSequence | undefined {
  if (typeof seq !== 'string' || typeof start !== 'number') return undefined;
  const residues = (seq.match(/[A-Za-z*]/g) ?? []).length;
  return { bodyName: '', aligned: seq, firstResidue: start, start, end: typeof end === 'number' ? end : undefined, descending: typeof end === 'number' && end < start, residues };
}

/** Substitutions from a BLAST HSP's qseq/sseq (only on request: most BLAST hits are distant homologs). */
export function addBlastSubstitutions(f: Fragment, alignmentUrn: string, referenceUrn: string, p: Props): void {
  const q = aligned(p.queryAligned, p.queryStart, p.queryEnd);
  const r = aligned(p.referenceAligned, p.referenceStart, p.referenceEnd);
  if (!q || !r) return;
  for (const s of deriveSubstitutions(q, r, new Set(['X']))) {
    const m = addMutation(f, { targetUrn: referenceUrn, position: s.position, referenceResidue: s.referenceResidue, variantResidue: s.variantResidue, mutationType: 'substitution', mode: 'reference' });
    f.edge('REVEALS', alignmentUrn, m, s.queryPosition !== undefined ? { queryPosition: s.queryPosition } : undefined);
  }
}
