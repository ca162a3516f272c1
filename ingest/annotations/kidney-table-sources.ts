import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import type { GeneRef } from '../common/bio/gene-ref.js';
import { addAnnotation, type SourceInfo } from '../common/bio/annotation-node.js';

/**
 * The sources the kidney-genetics pipeline annotated each gene from, with the table columns that carry each one.
 * Upstream names follow Helix's dedicated readers (gnomad, clinvar, gtex, string, clingen).
 */
const TABLE_SOURCES: Array<{ name: string; columns: string[]; props: (row: Props) => Props }> = [
  { name: 'gnomad', columns: ['pLI', 'oe_lof', 'lof_z', 'mis_z'], props: (p) => pick(p, 'pli', 'oeLof', 'lofZ', 'misZ') },
  { name: 'clinvar', columns: ['clinvar'], props: (p) => pickPrefix(p, 'clinvar') },
  { name: 'omim', columns: ['omim_summary'], props: (p) => pick(p, 'omimSummary', 'omimIds') },
  { name: 'gencc', columns: ['gencc_summary'], props: (p) => ({ ...pick(p, 'genccSummary'), mondoIds: mondo(p.genccSummary) }) },
  { name: 'clingen', columns: ['clingen_summary'], props: (p) => ({ ...pick(p, 'clingenSummary'), mondoIds: mondo(p.clingenSummary) }) },
  { name: 'mgi', columns: ['mgi_phenotype'], props: (p) => pick(p, 'mgiPhenotype') },
  {
    name: 'string',
    columns: ['stringdb_interaction_sum_score', 'stringdb_interaction_normalized_score', 'stringdb_interaction_string'],
    props: (p) => pick(p, 'stringSumScore', 'stringNormalizedScore', 'partners', 'partnerScores'),
  },
  { name: 'gtex', columns: ['gtex_kidney_medulla', 'gtex_kidney_cortex'], props: (p) => pick(p, 'gtexKidneyMedulla', 'gtexKidneyCortex') },
  { name: 'descartes', columns: ['descartes_kidney_tpm'], props: (p) => pick(p, 'descartesKidneyTpm') },
];

/**
 * One Annotation per source that has a value in the row, each WAS_DERIVED_FROM the row's own kidney-genetics
 * annotation. The source is named `kidney-genetics.<upstream>` with the table's release as version: the table does
 * not say which release of gnomAD or ClinVar it used, so its copy must not compete with (or be taken for) a release
 * of the upstream source itself; `upstreamSource` says which one it is.
 */
export function addTableSourceAnnotations(
  f: Fragment,
  table: SourceInfo,
  gene: GeneRef,
  rowUrn: string,
  data: Record<string, string | null>,
  rowProps: Props,
): void {
  for (const s of TABLE_SOURCES) {
    const columns = Object.fromEntries(s.columns.map((c) => [c, data[c] ?? null]));
    if (Object.values(columns).every((v) => v === null)) continue;
    const src: SourceInfo = { name: `${table.name}.${s.name}`, version: table.version, retrievedAt: table.retrievedAt };
    const urn = addAnnotation(f, src, { gene, data: columns, props: { ...s.props(rowProps), upstreamSource: s.name } });
    f.edge('WAS_DERIVED_FROM', urn, rowUrn);
  }
}

function pick(p: Props, ...keys: string[]): Props {
  return Object.fromEntries(keys.map((k) => [k, p[k]]));
}

function pickPrefix(p: Props, prefix: string): Props {
  return Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith(prefix)));
}

function mondo(text: unknown): string[] {
  return typeof text === 'string' ? [...new Set([...text.matchAll(/MONDO:\d+/g)].map((m) => m[0]))] : [];
}
