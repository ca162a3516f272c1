/** One aligned sequence as reassembled from the blocks of a pairwise/multiple alignment report. */
export interface AlignedSequence {
  /** Name as printed in the alignment lines (EMBOSS truncates to 13 characters). */
  bodyName: string;
  /** Aligned residues with `-` for every gap column (spaces and dots in the report become `-`). */
  aligned: string;
  /** Coordinate printed on the first line that holds a residue. */
  firstResidue?: number;
  /** Start printed on the first line / end printed on the last line. */
  start?: number;
  end?: number;
  descending: boolean;
  residues: number;
}

export interface BlockLine {
  name: string;
  start: number;
  /** The sequence text of the line (inner spaces kept: they are gap columns). */
  text: string;
  end: number;
}

const RESIDUE = /[A-Za-z*]/g;

/**
 * Collects the lines of `n` sequences block by block. Within a block, lines shorter than the widest one are
 * padded with gaps (a sequence that contributes nothing to a block prints no residues at all), so every aligned
 * string has the same length.
 */
export class BlockAssembler {
  readonly seqs: AlignedSequence[];
  private pending: BlockLine[] = [];
  private lineCount = 0;

  constructor(readonly n: number) {
    this.seqs = Array.from({ length: n }, () => ({ bodyName: '', aligned: '', descending: false, residues: 0 }));
  }

  /** The k-th sequence line of the body belongs to sequence k mod n. */
  add(line: BlockLine): void {
    this.pending.push(line);
    this.lineCount++;
    if (this.pending.length === this.n) this.flush();
  }

  /** True when the body ended in the middle of a block (then padded). */
  get incomplete(): boolean {
    return this.pending.length > 0;
  }

  get lines(): number {
    return this.lineCount;
  }

  flush(): void {
    if (!this.pending.length) return;
    const width = Math.max(...this.pending.map((l) => l.text.length));
    this.pending.forEach((l, i) => {
      const seq = this.seqs[i]!;
      const text = l.text.padEnd(width, ' ').replace(/[ .]/g, '-');
      const residues = (text.match(RESIDUE) ?? []).length;
      if (!seq.bodyName) seq.bodyName = l.name;
      seq.start ??= l.start;
      if (residues > 0) seq.firstResidue ??= l.start;
      if (residues > 1 && l.end < l.start) seq.descending = true;
      seq.end = l.end;
      seq.aligned += text;
      seq.residues += residues;
    });
    for (let i = this.pending.length; i < this.n; i++) this.seqs[i]!.aligned += '-'.repeat(width);
    this.pending = [];
  }
}

/** Residues actually printed vs. the span the coordinates claim; mismatches mean a misread layout. */
export function coordinateMismatch(seq: AlignedSequence): boolean {
  if (seq.firstResidue === undefined || seq.end === undefined || seq.residues === 0) return false;
  return Math.abs(seq.end - seq.firstResidue) + 1 !== seq.residues;
}
