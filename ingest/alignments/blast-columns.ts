/** BLAST+ `-outfmt 6/7` column names: `# Fields:` titles → format specifiers. */
const TITLES: Record<string, string> = {
  'query id': 'qseqid',
  'query acc.': 'qacc',
  'query acc.ver': 'qaccver',
  'query gi': 'qgi',
  'query length': 'qlen',
  'subject id': 'sseqid',
  'subject ids': 'sallseqid',
  'subject acc.': 'sacc',
  'subject acc.ver': 'saccver',
  'subject gi': 'sgi',
  'subject length': 'slen',
  'subject title': 'stitle',
  'subject titles': 'salltitles',
  '% identity': 'pident',
  '% positives': 'ppos',
  'alignment length': 'length',
  mismatches: 'mismatch',
  'gap opens': 'gapopen',
  gaps: 'gaps',
  'q. start': 'qstart',
  'q. end': 'qend',
  's. start': 'sstart',
  's. end': 'send',
  evalue: 'evalue',
  'bit score': 'bitscore',
  score: 'score',
  identical: 'nident',
  positives: 'positive',
  'query frame': 'qframe',
  'sbjct frame': 'sframe',
  'subject frame': 'sframe',
  'query seq': 'qseq',
  'subject seq': 'sseq',
  '% query coverage per hsp': 'qcovhsp',
  '% query coverage per subject': 'qcovs',
  'subject tax ids': 'staxids',
};

export const STD12 = ['qseqid', 'sseqid', 'pident', 'length', 'mismatch', 'gapopen', 'qstart', 'qend', 'sstart', 'send', 'evalue', 'bitscore'];
/** BLAST+ std columns with `% positives` after `% identity` (bioperl `-m 8` style tables, 13 columns). */
export const STD13_PPOS = ['qseqid', 'sseqid', 'pident', 'ppos', 'length', 'mismatch', 'gapopen', 'qstart', 'qend', 'sstart', 'send', 'evalue', 'bitscore'];
/** Galaxy BLAST+ wrapper "extended" tabular: std + 13 more. */
export const GALAXY_EXT25 = [...STD12, 'sallseqid', 'score', 'nident', 'positive', 'gaps', 'ppos', 'qframe', 'sframe', 'qseq', 'sseq', 'qlen', 'slen', 'salltitles'];
/** Reciprocal-best-hit table (`#A_id B_id …`) columns → BLAST names. */
const RBH: Record<string, string> = {
  A_id: 'qseqid', B_id: 'sseqid', A_length: 'qlen', B_length: 'slen', A_qcovhsp: 'qcovhsp', B_qcovhsp: 'scovhsp', length: 'length', pident: 'pident', bitscore: 'bitscore',
};

/** `# Fields: query id, subject id, …` → specifiers (unknown titles kept, slugged). */
export function columnsFromFields(text: string): string[] | undefined {
  const m = /^#\s*Fields:\s*(.*)$/i.exec(text);
  if (!m) return undefined;
  return m[1]!.split(',').map((t) => t.trim()).map((t) => TITLES[t.toLowerCase()] ?? t.toLowerCase().replace(/[^a-z0-9%]+/g, '_'));
}

/** `#A_id\tB_id…` header of a reciprocal-best-hit table. */
export function columnsFromRbhHeader(text: string): string[] | undefined {
  if (!/^#A_id\tB_id/.test(text)) return undefined;
  return text.slice(1).split('\t').map((c) => RBH[c.trim()] ?? c.trim());
}

/** Columns of a table without `# Fields:`, by its width; undefined when the width is not a known layout. */
export function columnsByCount(n: number): string[] | undefined {
  if (n === 12) return STD12;
  if (n === 13) return STD13_PPOS;
  if (n === 25) return GALAXY_EXT25;
  return undefined;
}
