import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGnomadV4Constraint } from '../../../../ingest/annotations/gnomad-v4.js';
import { readGnomadVarfish } from '../../../../ingest/annotations/gnomad-varfish.js';
import { detectBioFormat } from '../../../../ingest/bio/detect.js';
import { bioFixture, codes, collect, nodeByUrn, withLabel } from '../collect.js';

// gnomAD releases differ in columns, not in meaning: v4.0 has no gene_id (and the copy no `canonical`),
// v4.1 added gene_id, v4.1.1 transcript_version; files get renamed. Detection and reading go by column names.
const v40 = bioFixture('annotations', 'gnomad.v4.0.constraint_metrics.sample.tsv');
const v41 = bioFixture('annotations', 'gnomad.v4.1.constraint_metrics.sample.tsv');
const v211 = bioFixture('annotations', 'gnomad.v2.1.1.lof_metrics.by_gene.sample.txt');

async function tmpCopy(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-gnomad-'));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

/** The same table with its columns in reverse order. */
function reversedColumns(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? l.split('\t').reverse().join('\t') : l))
    .join('\n');
}

describe('gnomAD v4.0 constraint metrics (no gene_id column)', () => {
  it('is detected from its columns and read per gene from the Ensembl MANE select transcript', async () => {
    expect(detectBioFormat(v40, await readFile(v40))?.format).toBe('gnomad-v4-constraint');
    const c = await collect(readGnomadV4Constraint(v40));
    const pkd1 = nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:PKD1:gnomad:4.0');
    expect(pkd1.props).toMatchObject({ version: '4.0', transcript: 'ENST00000262304', maneSelect: true, pli: 0.99999, loeuf: 0.58, oeLof: 0.45833, misZ: 1.3, transcriptCount: 3 });
    // MANE select without an Ensembl transcript wins over a non-MANE one; no MANE at all is said, not hidden.
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:NPHS2:gnomad:4.0').props).toMatchObject({ transcript: 'ENST00000367615', pli: undefined });
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:UMOD:gnomad:4.0').props).toMatchObject({ constraintFlags: ['no_variants', 'outlier'] });
    expect(codes(c)).toEqual(['GNOMAD_NO_CANONICAL']);
    expect(withLabel(c, 'Annotation')).toHaveLength(3);
  });

  it('knows the release from the columns when the file name has none', async () => {
    const renamed40 = await tmpCopy('constraint.tsv', await readFile(v40, 'utf8'));
    const c40 = await collect(readGnomadV4Constraint(renamed40));
    expect(withLabel(c40, 'Annotation').map((n) => n.props.version)).toEqual(['4.0', '4.0', '4.0']);
    const renamed41 = await tmpCopy('constraint.tsv', await readFile(v41, 'utf8'));
    const c41 = await collect(readGnomadV4Constraint(renamed41));
    expect(new Set(withLabel(c41, 'Annotation').map((n) => n.props.version))).toEqual(new Set(['4.1']));
    const v411 = (await readFile(v41, 'utf8')).replace(/^gene\t/, 'transcript_version\tgene\t').replace(/\n(?=.)/g, '\n1\t');
    const c411 = await collect(readGnomadV4Constraint(await tmpCopy('constraint.tsv', v411)));
    expect(new Set(withLabel(c411, 'Annotation').map((n) => n.props.version))).toEqual(new Set(['4.1.1']));
  });

  it('reads the same values whatever the column order', async () => {
    const original = await collect(readGnomadV4Constraint(v41));
    const reordered = await tmpCopy('gnomad.v4.1.constraint_metrics.reordered.tsv', reversedColumns(await readFile(v41, 'utf8')));
    expect(detectBioFormat(reordered, await readFile(reordered))?.format).toBe('gnomad-v4-constraint');
    const c = await collect(readGnomadV4Constraint(reordered));
    const props = (x: typeof c) => withLabel(x, 'Annotation').map(({ props: { dataJson: _d, ...rest } }) => rest);
    expect(props(c)).toEqual(props(original));
  });
});

describe('gnomAD v2.1.1 by gene, columns in another order', () => {
  it('is still detected and read with the shared typed names', async () => {
    const reordered = await tmpCopy('gnomad.v2.1.1.lof_metrics.by_gene.txt', reversedColumns(await readFile(v211, 'utf8')));
    expect(detectBioFormat(reordered, await readFile(reordered))?.format).toBe('gnomad-varfish');
    const c = await collect(readGnomadVarfish(reordered));
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000008710:gnomad:2.1.1').props).toMatchObject({ transcript: 'ENST00000262304', pli: 1, loeuf: 0.25 });
  });
});
