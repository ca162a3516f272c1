import type { IssueSeverity } from '../core/graph.js';
import type { AlignedSequence } from './aligned-blocks.js';

export interface Ratio {
  /** Absent when the report gives only a percentage (legacy layout). */
  count?: number;
  total?: number;
  percent: number;
}

/** One alignment of an EMBOSS report, whatever its layout. */
export interface ParsedAlignment {
  /** 0-based position of the alignment in its file. */
  index: number;
  /** Line where the alignment's header (or legacy `Global:`/`Local:` line) starts. */
  line: number;
  /** Report-level fields: Program, Rundate, Commandline, Align_format, Report_file. */
  report: Record<string, string>;
  /** Full sequence names from the header (`# 1:`, `# 2:`), else the (truncated) body names. */
  names: string[];
  seqs: AlignedSequence[];
  matrix?: string;
  gapOpen?: number;
  gapExtend?: number;
  length?: number;
  identity?: Ratio;
  similarity?: Ratio;
  gaps?: Ratio;
  score?: number;
  /** Other header fields (`Longest_Identity`, legacy `Overall %id`, …) as written. */
  extra: Record<string, string>;
  /** `srspair`, `pair`, `legacy` (pre-srspair `Global:`/`Local:` layout), or `unknown` (no Align_format line). */
  layout: string;
  issues: { severity: IssueSeverity; code: string; message: string; line?: number }[];
}

const RATIO = /^(\d+)\s*\/\s*(\d+)\s*\(\s*(-?[\d.]+)\s*%\s*\)$/;

/** `32/124 (25.8%)`, `1/18 ( 5.6%)` → counts and percent. */
export function parseRatio(text: string): Ratio | undefined {
  const m = RATIO.exec(text.trim());
  return m ? { count: Number(m[1]), total: Number(m[2]), percent: Number(m[3]) } : undefined;
}

export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim().replace(/%$/, ''));
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
}
