import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBlastTabular } from '../../../../ingest/alignments/blast-tabular.js';
import { readBlastXml } from '../../../../ingest/alignments/blast-xml.js';
import { readEmboss } from '../../../../ingest/alignments/emboss.js';
import { corpusPath } from '../../../support/corpus.js';
import { collect, edgesOf, withLabel } from '../../../unit/ingest/collect.js';

const emboss = (name: string) => corpusPath('bio', 'alignments', 'emboss', name);
const blast = (name: string) => corpusPath('bio', 'alignments', 'blast', name);
const byIndex = (c: Awaited<ReturnType<typeof collect>>) =>
  withLabel(c, 'Alignment').sort((a, b) => (a.props.alignmentIndex as number) - (b.props.alignmentIndex as number));

/** What each EMBOSS header block says, read with plain regular expressions. */
function headers(text: string): { identity?: number; total?: number; pct?: number; score: number; length?: number }[] {
  const legacy = [...text.matchAll(/^(?:Global|Local):.*\nScore:\s*(\S+)/gm)];
  if (legacy.length) return legacy.map((m) => ({ score: Number(m[1]) }));
  return text.split(/^# Aligned_sequences:/m).slice(1).map((block) => {
    const id = /^# Identity:\s+(\d+)\/(\d+)\s*\(\s*([\d.]+)%\)/m.exec(block)!;
    return {
      identity: Number(id[1]),
      total: Number(id[2]),
      pct: Number(id[3]),
      score: Number(/^# Score:\s*(\S+)/m.exec(block)![1]),
      length: Number(/^# Length:\s*(\d+)/m.exec(block)![1]),
    };
  });
}

describe('EMBOSS reports (bio/alignments/emboss)', () => {
  const files = readdirSync(corpusPath('bio', 'alignments', 'emboss')).sort();

  it.each(files)('%s: every alignment with its header values, layout read without inconsistencies', async (name) => {
    const text = readFileSync(emboss(name), 'utf8');
    const expected = headers(text);
    const c = await collect(readEmboss(emboss(name)));
    const alignments = byIndex(c);
    expect(alignments).toHaveLength(expected.length);
    alignments.forEach((a, i) => {
      const h = expected[i]!;
      expect(a.props.score).toBe(h.score);
      if (h.identity !== undefined) expect(a.props).toMatchObject({ identity: h.identity, identityPercent: h.pct, length: h.length });
      expect(edgesOf(c, 'QUERY').some((e) => e.from === a.urn)).toBe(true);
      expect(edgesOf(c, 'REFERENCE').some((e) => e.from === a.urn)).toBe(true);
    });
    // Header counts and the aligned columns agree (identity, length, coordinates): no warning at all.
    expect(c.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('descending coordinates (water -sreverse1)', async () => {
    const text = readFileSync(emboss('biopython__water_reverse1.txt'), 'utf8');
    const seqA = [...text.matchAll(/^seqA\s+(\d+) \S+\s+(\d+)\s*$/gm)];
    const [a] = byIndex(await collect(readEmboss(emboss('biopython__water_reverse1.txt'))));
    expect(a!.props).toMatchObject({ queryStart: Number(seqA[0]![1]), queryEnd: Number(seqA.at(-1)![2]), queryDescending: true });
  });

  it('blocks where one sequence contributes nothing (sparsealn.needle)', async () => {
    const text = readFileSync(emboss('bioperl__sparsealn.needle'), 'utf8');
    const lengthLine = Number(/# Length: (\d+)/.exec(text)![1]);
    const [a] = byIndex(await collect(readEmboss(emboss('bioperl__sparsealn.needle'))));
    expect((a!.props.queryAligned as string).length).toBe(lengthLine);
    expect((a!.props.referenceAligned as string).replace(/-/g, '').length).toBe(Number([...text.matchAll(/^IF1Y_HUMAN\s+\d+.*?(\d+)\s*$/gm)].at(-1)![1]));
  });
});

describe('BLAST tabular (bio/alignments/blast)', () => {
  const tabular = readdirSync(corpusPath('bio', 'alignments', 'blast')).filter((f) => !f.endsWith('.xml')).sort();

  it.each(tabular)('%s: one Alignment per hit row', async (name) => {
    const rows = readFileSync(blast(name), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const c = await collect(readBlastTabular(blast(name)));
    const alignments = byIndex(c);
    expect(alignments).toHaveLength(rows.length);
    const first = rows[0]!.split('\t');
    const pident = name.includes('rbh') ? first[7] : first[2];
    expect(alignments[0]!.props.identityPercent).toBe(Number(pident));
    expect(alignments[0]!.props.bitScore).toBe(Number(first[name.includes('rbh') ? 8 : name.endsWith('.m8') || name.endsWith('blasttable') ? 12 : 11]));
    expect(c.issues).toEqual([]);
  });
});

describe('BLAST XML (bio/alignments/blast)', () => {
  const xml = readdirSync(corpusPath('bio', 'alignments', 'blast')).filter((f) => f.endsWith('.xml')).sort();

  it.each(xml)('%s: one Alignment per HSP, iterations are records', async (name) => {
    const text = readFileSync(blast(name), 'utf8');
    const c = await collect(readBlastXml(blast(name)));
    expect(withLabel(c, 'Alignment')).toHaveLength((text.match(/<Hsp>/g) ?? []).length);
    expect(c.position).toBe((text.match(/<Iteration>/g) ?? []).length);
    expect(c.stats.queriesWithoutHits ?? 0).toBe((text.match(/No hits found/g) ?? []).length);
    const firstIdentity = /<Hsp_identity>(\d+)<\/Hsp_identity>/.exec(text);
    if (firstIdentity) expect(byIndex(c)[0]!.props.identity).toBe(Number(firstIdentity[1]));
    expect(c.issues).toEqual([]);
  });
});
