import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import type { TableRow } from '../common/delimited.js';
import { cell, PLACEHOLDER_MISSING } from '../common/missing.js';
import { addAnnotation } from '../common/bio/annotation-node.js';
import { readGroupedTable } from './grouped-table.js';

const HPO_TERM = /^HP:\d{7}$/;
const DISEASE = /^(OMIM|ORPHA|ORPHANET|DECIPHER|MONDO):\S+$/i;

/** Legacy files announce `#Format: a<tab>b…` (the tab spelled out); column names come from there. */
function formatHeader(text: string): string[] | undefined {
  const m = /^#\s*Format:\s*(.*)$/i.exec(text);
  return m ? m[1]!.split(/<tab>|\t/).map((s) => s.trim()) : undefined;
}

interface PhenotypeRow {
  hpoId: string;
  hpoName?: string;
  frequency?: string;
  diseaseId?: string;
  source?: string;
}

/**
 * The phenotype term of a row. Current files name it `hpo_id`; in the legacy 9-column layout the header says
 * `HPO-Term-Name<tab>HPO-Term-ID` but the rows hold the id first, so the id is whichever of the two cells is one.
 */
function phenotype(row: TableRow): PhenotypeRow | undefined {
  const v = row.values;
  const c = row.cells;
  let hpoId = cell(v.hpo_id);
  let hpoName = cell(v.hpo_name);
  if (!hpoId) {
    const [a, b] = [cell(c[2]), cell(c[3])];
    if (a && HPO_TERM.test(a)) [hpoId, hpoName] = [a, b];
    else if (b && HPO_TERM.test(b)) [hpoId, hpoName] = [b, a];
  }
  if (!hpoId || !HPO_TERM.test(hpoId)) return undefined;
  const diseaseId = c.map((x) => x.trim()).find((x) => DISEASE.test(x));
  const frequency = cell(v.frequency, PLACEHOLDER_MISSING) ?? cell(v['Frequency-HPO'], PLACEHOLDER_MISSING) ?? cell(v['Frequency-Raw'], PLACEHOLDER_MISSING);
  return {
    hpoId,
    ...(hpoName ? { hpoName } : {}),
    ...(frequency ? { frequency } : {}),
    ...(diseaseId ? { diseaseId } : {}),
    ...(cell(v['G-D source']) ? { source: cell(v['G-D source'])! } : {}),
  };
}

/**
 * HPO genes_to_phenotype (legacy `#Format:` 9-column layout and the current 6-column one). Rows of a gene are
 * consecutive; one Annotation per gene: `phenotypeIds[]`, `phenotypeNames[]`, `diseaseIds[]`. Record = one row.
 */
export function readHpoGenesToPhenotype(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readGroupedTable(file, opts, {
    source: 'hpo',
    delimiter: '\t',
    headerFromComment: formatHeader,
    groupKey: (row) => (row.cells[0] ?? '').trim(),
    mapGroup(rows, ctx, f) {
      const first = rows[0]!;
      const gene = ctx.gene({ entrezId: first.cells[0], symbol: first.cells[1] });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'rows name no gene (entrez id and symbol missing)');
        return;
      }
      const phenotypes: PhenotypeRow[] = [];
      for (const row of rows) {
        const p = phenotype(row);
        if (p) phenotypes.push(p);
        else f.issue('warning', 'HPO_TERM_MISSING', 'row without an HP:nnnnnnn term', { line: row.line, subject: gene.urn });
      }
      const distinct = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
      const ids = distinct(phenotypes.map((p) => p.hpoId));
      const names = ids.map((id) => phenotypes.find((p) => p.hpoId === id)?.hpoName ?? '');
      addAnnotation(f, ctx.src, {
        gene,
        data: { entrezId: cell(first.cells[0]), symbol: cell(first.cells[1]), phenotypes },
        props: {
          phenotypeIds: ids,
          phenotypeNames: names,
          diseaseIds: distinct(phenotypes.map((p) => p.diseaseId)),
          phenotypeCount: ids.length,
          rowCount: rows.length,
        },
      });
    },
  });
}
