import type { NumberedLine } from '../common/text-stream.js';
import { BlockAssembler, type BlockLine } from './aligned-blocks.js';
import { parseNumber, type ParsedAlignment } from './emboss-types.js';

const START = /^(Global|Local):\s+(\S+)\s+vs\s+(\S+)\s*$/;

/** First line of a pre-srspair EMBOSS alignment (`Global: A vs B`, `Local: A vs B`). */
export function isLegacyStart(text: string): boolean {
  return START.test(text);
}

interface RawLine {
  name: string;
  start: number;
  /** Column where this line's sequence text begins (after the start number and its padding). */
  textColumn: number;
  line: string;
}

const SEQ_LINE = /^(\S+)(\s+)(\d+)(\s+)\S/;

function rawLine(text: string): RawLine | undefined {
  const m = SEQ_LINE.exec(text);
  if (!m || !/\s\d+\s*$/.test(text)) return undefined;
  return { name: m[1]!, start: Number(m[3]), textColumn: m[0].length - 1, line: text };
}

/**
 * The very old EMBOSS layout (`Global: PAPA_CARPA vs CATL_HUMAN`, `Score:`, blocks whose sequence text starts at
 * a fixed column and uses `.` for gaps, `%id = … %similarity = …` at the end). Program: needle (Global) or water
 * (Local); identity and similarity are percentages only.
 */
export class LegacyParser {
  private current: ParsedAlignment | undefined;
  private blocks: BlockAssembler | undefined;
  private pending: RawLine[] = [];

  constructor(private readonly nextIndex: () => number) {}

  push({ line, text }: NumberedLine): ParsedAlignment | undefined {
    const start = START.exec(text);
    if (start) {
      const done = this.end();
      this.current = {
        index: this.nextIndex(),
        line,
        report: { Program: start[1] === 'Global' ? 'needle' : 'water' },
        names: [start[2]!, start[3]!],
        seqs: [],
        extra: { mode: start[1]! },
        layout: 'legacy',
        issues: [],
      };
      this.blocks = new BlockAssembler(2);
      return done;
    }
    const a = this.current;
    if (!a) return undefined;
    const score = /^Score:\s*(\S+)/.exec(text);
    if (score) a.score = parseNumber(score[1]);
    for (const m of text.matchAll(/(Overall )?%(id|similarity)\s*=\s*([\d.]+)/g)) {
      const pct = Number(m[3]);
      if (m[1]) a.extra[`Overall %${m[2]}`] = m[3]!;
      else if (m[2] === 'id') a.identity = { percent: pct };
      else a.similarity = { percent: pct };
    }
    const raw = rawLine(text);
    if (raw) {
      this.pending.push(raw);
      if (this.pending.length === 2) this.flushBlock();
    }
    return undefined;
  }

  end(): ParsedAlignment | undefined {
    const a = this.current;
    if (!a) return undefined;
    if (this.pending.length) {
      a.issues.push({ severity: 'warning', code: 'EMBOSS_INCOMPLETE_BLOCK', message: 'alignment ended inside a block; missing lines read as gaps' });
      this.flushBlock();
    }
    this.blocks!.flush();
    a.seqs = this.blocks!.seqs;
    this.current = undefined;
    this.blocks = undefined;
    return a;
  }

  /** Both lines of a block share the text column of whichever starts further left. */
  private flushBlock(): void {
    const column = Math.min(...this.pending.map((p) => p.textColumn));
    for (const p of this.pending) {
      const body = p.line.slice(column).replace(/\s+(\d+)\s*$/, '');
      const end = Number(/(\d+)\s*$/.exec(p.line)![1]);
      const line: BlockLine = { name: p.name, start: p.start, text: body, end };
      this.blocks!.add(line);
    }
    this.pending = [];
  }
}
