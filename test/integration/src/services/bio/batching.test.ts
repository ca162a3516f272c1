import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bioRunner } from '../../../../../src/ingestion/bio.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { captureCounters, strictClient } from './helpers.js';

const GENES = 24;
const RESIDUES = 'ACDEFGHIKLMNPQRSTVWY';
let helix: HelixContext;
let dir: string;

const accession = (i: number) => `Q9Z${String(i).padStart(2, '0')}${i % 10}`;
const sequence = (i: number) => RESIDUES.slice(i % 20) + RESIDUES.slice(0, i % 20);
/** The query of gene i's alignment: its protein with two substitutions, at reference positions 3 and 11. */
const SUBSTITUTED = [3, 11];
const mutant = (i: number) =>
  [...sequence(i)].map((c, k) => (SUBSTITUTED.includes(k + 1) ? (c === 'W' ? 'Y' : 'W') : c)).join('');

/** HGNC complete set, UniProt FASTA and one EMBOSS needle report (an alignment per gene), in their real formats. */
function writeFixtures(target: string): void {
  const hgnc = ['hgnc_id\tsymbol\tname\tlocus_type\tstatus\tuniprot_ids'];
  const fasta: string[] = [];
  const needle = ['########################################', '# Program: needle', '# Align_format: srspair', '########################################', ''];
  for (let i = 1; i <= GENES; i++) {
    hgnc.push(`HGNC:${900000 + i}\tBATCH${i}\tbatch gene ${i}\tgene with protein product\tApproved\t${accession(i)}`);
    fasta.push(`>sp|${accession(i)}|B${i}_HUMAN Batch protein ${i} OS=Homo sapiens OX=9606 GN=BATCH${i} PE=1 SV=1`, sequence(i));
    const mid = [...sequence(i)].map((c, k) => (mutant(i)[k] === c ? '|' : ' ')).join('');
    needle.push(
      '#=======================================',
      '#',
      '# Aligned_sequences: 2',
      `# 1: mut_${i}`,
      `# 2: ${accession(i)}`,
      '# Matrix: EBLOSUM62',
      '# Gap_penalty: 10.0',
      '# Extend_penalty: 0.5',
      '#',
      '# Length: 20',
      '# Identity:      18/20 (90.0%)',
      '# Similarity:    18/20 (90.0%)',
      '# Gaps:           0/20 ( 0.0%)',
      '# Score: 80.0',
      '#',
      '#',
      '#=======================================',
      '',
      `${`mut_${i}`.padEnd(20)} 1 ${mutant(i)}     20`,
      `${''.padEnd(20)}   ${mid}`,
      `${accession(i).padEnd(20)} 1 ${sequence(i)}     20`,
      '',
      '',
    );
  }
  writeFileSync(path.join(target, 'hgnc_complete_set.txt'), `${hgnc.join('\n')}\n`);
  writeFileSync(path.join(target, 'batch_proteins.fasta'), `${fasta.join('\n')}\n`);
  writeFileSync(path.join(target, 'batch.needle'), `${needle.join('\n')}#---------------------------------------\n`);
}

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  dir = mkdtempSync(path.join(os.tmpdir(), 'helix-bio-batch-'));
  writeFixtures(dir);
  const report = await bioRunner('bio', undefined)(helix.exec, dir, {});
  expect(report.status).toBe('completed');
}, 300_000);
afterAll(async () => {
  await helix?.close();
  rmSync(dir, { recursive: true, force: true });
});

const NESTED = `query($n: Int!) {
  genes(first: $n) {
    totalCount
    nodes {
      symbol
      proteins {
        accession
        genes { symbol }
        alignments { identity query { ... on Sequence { accession } } mutations { position referenceResidue variantResidue protein { accession } } }
      }
    }
  }
}`;

describe('round trips of a nested bio query', () => {
  it('are a small constant, the same for 10 and for 20 genes → proteins → alignments → mutations', async () => {
    const gql = strictClient(helix);
    const capture = captureCounters(helix);
    try {
      const perSize: Record<number, number> = {};
      for (const n of [10, 20]) {
        capture.reset();
        const data = await gql(NESTED, { n });
        expect(data.genes.totalCount).toBe(GENES);
        expect(data.genes.nodes).toHaveLength(n);
        for (const g of data.genes.nodes) {
          const i = Number(g.symbol.replace('BATCH', ''));
          expect(g.proteins).toHaveLength(1);
          const p = g.proteins[0];
          expect(p.accession).toBe(accession(i));
          expect(p.genes).toEqual([{ symbol: g.symbol }]);
          expect(p.alignments).toHaveLength(1);
          expect(p.alignments[0].identity).toBe(18);
          const subs = SUBSTITUTED.map((pos) => ({
            position: pos,
            referenceResidue: sequence(i)[pos - 1],
            variantResidue: mutant(i)[pos - 1],
            protein: { accession: accession(i) },
          }));
          expect(p.alignments[0].mutations).toEqual(subs);
        }
        const counters = capture.counters();
        expect(counters).toHaveLength(1);
        perSize[n] = counters[0]!;
      }
      // page, totalCount, proteins, genes of proteins, alignments, query sequences, mutations, mutated proteins
      expect(perSize[20]).toBe(perSize[10]);
      expect(perSize[10]).toBeLessThanOrEqual(8);
    } finally {
      capture.restore();
    }
  });
});
