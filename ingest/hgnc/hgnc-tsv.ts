import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions } from '../common/batch.js';
import { readTable } from '../common/delimited.js';
import { normalizeHgncId } from '../common/bio/ids.js';
import { cell } from '../common/missing.js';
import { fromCustomDownload, isCustomDownload } from './hgnc-custom.js';
import { mapHgncDoc } from './hgnc-record.js';

/**
 * hgnc_complete_set TSV (any column subset with `hgnc_id` and `symbol`) or a genenames.org custom download
 * (`HGNC ID`, `Approved symbol`, …). Record = one data row.
 */
export async function* readHgncTsv(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const rows = readTable(file, {
    delimiter: '\t',
    commentPrefix: '',
    onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }),
  });
  for await (const row of rows) {
    if (!b.consume()) continue;
    const doc = isCustomDownload(row.values) ? fromCustomDownload(row.values) : row.values;
    b.guard(row.line, String(doc.hgnc_id ?? ''), (f) => mapHgncDoc(doc, f));
    if (b.full) yield b.take();
  }
  yield b.finish();
}

/**
 * HGNC withdrawn report (`HGNC_ID STATUS WITHDRAWN_SYMBOL MERGED_INTO_REPORT(S)`). Each row owns its Gene (status
 * `Entry Withdrawn`, `Merged/Split`, …); every merge target `HGNC:n|SYMBOL|STATUS` becomes a referenced Gene and an
 * edge (old)-[:MERGED_INTO]->(new). Record = one data row.
 */
export async function* readHgncWithdrawn(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const rows = readTable(file, {
    delimiter: '\t',
    commentPrefix: '',
    onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }),
  });
  for await (const row of rows) {
    if (!b.consume()) continue;
    const v = row.values;
    const mergedKey = Object.keys(v).find((k) => k.toUpperCase().startsWith('MERGED_INTO'));
    b.guard(row.line, v.HGNC_ID, (f) => {
      const urn = normalizeHgncId(v.HGNC_ID);
      if (!urn) {
        f.issue('error', 'BAD_HGNC_ID', `unrecognised HGNC id ${v.HGNC_ID ?? ''}`);
        return;
      }
      const symbol = cell(v.WITHDRAWN_SYMBOL);
      f.node({ urn, labels: ['Gene'], props: { hgncId: urn, symbol, withdrawnSymbol: symbol, status: cell(v.STATUS) } });
      f.count('genes');
      const report = mergedKey ? cell(v[mergedKey]) : undefined;
      for (const target of report ? report.split(/\s*,\s*/) : []) {
        const [id, targetSymbol, status] = target.split('|').map((s) => s.trim());
        const to = normalizeHgncId(id);
        if (!to) {
          f.issue('warning', 'BAD_MERGE_TARGET', `unrecognised merge target ${target}`, { subject: urn });
          continue;
        }
        f.node({ urn: to, labels: ['Gene'], props: { hgncId: to, symbol: targetSymbol, status }, mode: 'reference' });
        f.edge('MERGED_INTO', urn, to);
        f.count('merges');
      }
    });
    if (b.full) yield b.take();
  }
  yield b.finish();
}
