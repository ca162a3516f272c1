import type { NumberedLine } from '../common/text-stream.js';
import { BlockAssembler, type BlockLine } from './aligned-blocks.js';
import { parseNumber, parseRatio, type ParsedAlignment } from './emboss-types.js';
import { LegacyParser, isLegacyStart } from './emboss-legacy.js';

/** `name  start SEQ…  end` with the name in EMBOSS's fixed 13-character field (names may be empty or truncated). */
export function parseSequenceLine(text: string): BlockLine | undefined {
  const fixed = /^\s*(\d+) (.*?)\s*(\d+)\s*$/.exec(text.slice(13));
  if (fixed && !/\d/.test(fixed[2]!)) return { name: text.slice(0, 13).trim(), start: Number(fixed[1]), text: fixed[2]!, end: Number(fixed[3]) };
  const loose = /^(\S+)\s+(\d+) (.*?)\s*(\d+)\s*$/.exec(text);
  if (loose && !/\d/.test(loose[3]!)) return { name: loose[1]!, start: Number(loose[2]), text: loose[3]!, end: Number(loose[4]) };
  return undefined;
}

type State = 'report' | 'header' | 'body' | 'outside';

/**
 * Streaming EMBOSS report parser: srspair and pair reports (several alignments per file, with or without the
 * `# Align_format:` line, multiple alignments with n sequences), and the pre-srspair `Global:`/`Local:` layout.
 * Holds one alignment at a time.
 */
export class EmbossParser {
  private state: State = 'outside';
  private report: Record<string, string> = {};
  private lastReportKey = '';
  private current: ParsedAlignment | undefined;
  private blocks: BlockAssembler | undefined;
  private legacy: LegacyParser | undefined;
  private count = 0;
  private lastBodyLine = 0;
  /** Lines that belong to no alignment and are not report headers (reported by the reader): count, first line. */
  strayCount = 0;
  firstStrayLine = 0;

  /** Feed one line; returns the alignment it completed, if any. */
  push({ line, text }: NumberedLine): ParsedAlignment | undefined {
    if (this.legacy || isLegacyStart(text)) {
      this.legacy ??= new LegacyParser(() => this.count++);
      return this.legacy.push({ line, text });
    }
    if (/^#{10,}\s*$/.test(text)) {
      const done = this.close();
      this.state = this.state === 'report' ? 'outside' : 'report';
      if (this.state === 'report') this.report = {};
      return done;
    }
    if (/^#={10,}\s*$/.test(text)) {
      if (this.state === 'header') {
        this.state = 'body';
        return undefined;
      }
      const done = this.close();
      this.open(line);
      return done;
    }
    if (/^#-{10,}\s*$/.test(text)) {
      const done = this.close();
      this.state = 'outside';
      return done;
    }
    if (this.state === 'report') this.reportLine(text);
    else if (this.state === 'header') this.headerLine(text);
    else if (this.state === 'body') this.bodyLine(line, text);
    else if (text.trim() && !text.startsWith('#') && this.strayCount++ === 0) this.firstStrayLine = line;
    return undefined;
  }

  /** End of input: the alignment still open. */
  end(): ParsedAlignment | undefined {
    return this.legacy ? this.legacy.end() : this.close();
  }

  private reportLine(text: string): void {
    const m = /^#\s*([A-Za-z_]+):\s?(.*)$/.exec(text);
    if (m) {
      this.lastReportKey = m[1]!;
      this.report[m[1]!] = m[2]!.trim();
    } else if (/^#\s{2,}\S/.test(text) && this.lastReportKey === 'Commandline') {
      this.report.Commandline = `${this.report.Commandline ?? ''} ${text.slice(1).trim()}`.trim();
    }
  }

  private open(line: number): void {
    this.state = 'header';
    this.blocks = undefined;
    this.current = {
      index: this.count++,
      line,
      report: { ...this.report },
      names: [],
      seqs: [],
      extra: {},
      layout: this.report.Align_format ?? 'unknown',
      issues: [],
    };
  }

  private headerLine(text: string): void {
    const a = this.current!;
    const m = /^#\s*([A-Za-z_%\d][\w %]*?)\s*[:=]\s?(.*)$/.exec(text);
    if (!m) return;
    const [key, value] = [m[1]!.trim(), m[2]!.trim()];
    if (/^\d+$/.test(key)) a.names[Number(key) - 1] = value;
    else if (key === 'Matrix') a.matrix = value;
    else if (key === 'Gap_penalty') a.gapOpen = parseNumber(value);
    else if (key === 'Extend_penalty') a.gapExtend = parseNumber(value);
    else if (key === 'Length') a.length = parseNumber(value);
    else if (key === 'Identity') a.identity = parseRatio(value);
    else if (key === 'Similarity') a.similarity = parseRatio(value);
    else if (key === 'Gaps') a.gaps = parseRatio(value);
    else if (key === 'Score') a.score = parseNumber(value);
    else if (key !== 'Aligned_sequences') a.extra[key] = value;
    if (['Identity', 'Similarity', 'Gaps'].includes(key) && !parseRatio(value)) {
      a.issues.push({ severity: 'warning', code: 'EMBOSS_BAD_RATIO', message: `${key}: unreadable "${value}"` });
    }
  }

  private bodyLine(line: number, text: string): void {
    if (!text.trim() || text.startsWith('#')) return;
    const parsed = parseSequenceLine(text);
    if (!parsed) {
      // Markup and consensus lines hold only | : . and blanks; anything else is a line this parser cannot place.
      if (!/^[\s|:.*+]*$/.test(text) && this.strayCount++ === 0) this.firstStrayLine = line;
      return;
    }
    const a = this.current!;
    this.blocks ??= new BlockAssembler(Math.max(2, a.names.filter((n) => n !== undefined).length));
    this.blocks.add(parsed);
    this.lastBodyLine = line;
  }

  private close(): ParsedAlignment | undefined {
    const a = this.current;
    this.current = undefined;
    if (!a) return undefined;
    if (this.blocks?.incomplete) {
      a.issues.push({
        severity: 'warning',
        code: 'EMBOSS_INCOMPLETE_BLOCK',
        message: 'alignment ended inside a block; missing lines read as gaps',
        line: this.lastBodyLine,
      });
      this.blocks.flush();
    }
    a.seqs = this.blocks?.seqs ?? [];
    a.names = a.seqs.map((s, i) => a.names[i] || s.bodyName);
    this.blocks = undefined;
    this.state = 'outside';
    return a;
  }
}
