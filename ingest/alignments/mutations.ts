import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import type { AlignedSequence } from './aligned-blocks.js';

export interface Substitution {
  /** Position in reference coordinates. */
  position: number;
  queryPosition?: number;
  referenceResidue: string;
  variantResidue: string;
}

const isResidue = (c: string) => /[A-Za-z*]/.test(c);

/**
 * Columns where query and reference hold different residues, numbered in reference coordinates (descending
 * coordinates count down). Residues in `unknown` (X for proteins, N for nucleotides) are not calls.
 */
export function deriveSubstitutions(query: AlignedSequence, reference: AlignedSequence, unknown: ReadonlySet<string>): Substitution[] {
  const out: Substitution[] = [];
  let refPos = reference.firstResidue;
  let qPos = query.firstResidue;
  const refStep = reference.descending ? -1 : 1;
  const qStep = query.descending ? -1 : 1;
  const n = Math.min(query.aligned.length, reference.aligned.length);
  for (let i = 0; i < n; i++) {
    const r = reference.aligned[i]!.toUpperCase();
    const q = query.aligned[i]!.toUpperCase();
    const rRes = isResidue(r);
    const qRes = isResidue(q);
    if (rRes && qRes && r !== q && !unknown.has(r) && !unknown.has(q) && refPos !== undefined) {
      out.push({ position: refPos, ...(qPos !== undefined ? { queryPosition: qPos } : {}), referenceResidue: r, variantResidue: q });
    }
    if (rRes && refPos !== undefined) refPos += refStep;
    if (qRes && qPos !== undefined) qPos += qStep;
  }
  return out;
}

export type MutationType = 'substitution' | 'insertion' | 'deletion';

export interface MutationSpec {
  /** Urn of the Protein/Sequence the position refers to (the reference). */
  targetUrn: string;
  position: number;
  referenceResidue: string;
  variantResidue: string;
  mutationType: MutationType;
  significance?: string;
  confidence?: number;
  extra?: Props;
  /**
   * Substitutions read off an alignment are references: many alignments reveal the same change, and a mutation
   * call file (which knows significance and confidence) owns it. Owned nodes are replaced as a whole on write.
   */
  mode?: 'upsert' | 'reference';
}

/** `urn:mutation:<protein or sequence urn>:<ref><pos><alt>` (`-` stands for the missing side of an indel). */
export function mutationUrn(m: Pick<MutationSpec, 'targetUrn' | 'referenceResidue' | 'position' | 'variantResidue'>): string {
  return `urn:mutation:${m.targetUrn}:${m.referenceResidue || '-'}${m.position}${m.variantResidue || '-'}`;
}

/** (Mutation)-[:AFFECTS]->(target); returns the mutation urn (the caller adds REVEALS from its alignment). */
export function addMutation(f: Fragment, m: MutationSpec): string {
  const urn = mutationUrn(m);
  f.node({
    urn,
    labels: ['Mutation'],
    props: {
      position: m.position,
      referenceResidue: m.referenceResidue || undefined,
      variantResidue: m.variantResidue || undefined,
      mutationType: m.mutationType,
      significance: m.significance,
      confidence: m.confidence,
      ...m.extra,
    },
    ...(m.mode === 'reference' ? { mode: 'reference' as const } : {}),
  });
  f.edge('AFFECTS', urn, m.targetUrn);
  f.count('mutations');
  return urn;
}
