import type { Props } from '../core/graph.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';

type Json = Record<string, unknown>;

const pickNumbers = (data: Json, spec: Record<string, string[]>): Props =>
  Object.fromEntries(Object.entries(spec).map(([prop, keys]) => [prop, keys.map((k) => num(data[k])).find((n) => n !== undefined)]));

function gnomad(d: Json): Props {
  return pickNumbers(d, {
    pli: ['pli', 'pLI'],
    loeuf: ['oe_lof_upper', 'loeuf'],
    oeLofUpper: ['oe_lof_upper', 'loeuf'],
    oeLofLower: ['oe_lof_lower'],
    oeLof: ['oe_lof'],
    lofZ: ['lof_z'],
    misZ: ['mis_z'],
    synZ: ['syn_z'],
    oeMis: ['oe_mis'],
    oeMisUpper: ['oe_mis_upper'],
  });
}

function gtex(d: Json): Props {
  const tissues = isRecord(d.tissues) ? d.tissues : {};
  let top: { name: string; median: number } | undefined;
  for (const [name, t] of Object.entries(tissues)) {
    const median = num(isRecord(t) ? (t.median_tpm ?? t.median) : t);
    if (median !== undefined && (!top || median > top.median)) top = { name, median };
  }
  return { tissuesJson: JSON.stringify(tissues), tissueCount: Object.keys(tissues).length, topTissue: top?.name, topTissueMedianTpm: top?.median };
}

function clinvar(d: Json): Props {
  return pickNumbers(d, {
    countPathogenic: ['pathogenic_count', 'pathogenic'],
    countLikelyPathogenic: ['likely_pathogenic_count', 'likely_pathogenic'],
    countUncertainSignificance: ['vus_count', 'uncertain_significance_count', 'vus'],
    countLikelyBenign: ['likely_benign_count', 'likely_benign'],
    countBenign: ['benign_count', 'benign'],
    countConflicting: ['conflicting_count', 'conflicting'],
    variantCount: ['total_count', 'total_variants', 'variant_count'],
  });
}

function hpo(d: Json): Props {
  const list = Array.isArray(d.phenotypes) ? d.phenotypes : Array.isArray(d.hpo_terms) ? d.hpo_terms : [];
  const ids = list.map((p) => (isRecord(p) ? cell(p.id ?? p.hpo_id) : cell(p))).filter((x): x is string => !!x && /^HP:\d+$/.test(x));
  return { phenotypeIds: [...new Set(ids)], phenotypeCount: new Set(ids).size };
}

function stringPpi(d: Json): Props {
  const list = Array.isArray(d.interactions) ? d.interactions.filter(isRecord) : [];
  const partners = list.map((i) => cell(i.partner_symbol ?? i.partner)).filter((x): x is string => !!x);
  return { partners, ppiScore: num(d.ppi_score), ppiDegree: num(d.ppi_degree), ppiPercentile: num(d.ppi_percentile) };
}

const TYPED: Record<string, (d: Json) => Props> = { gnomad, gtex, clinvar, hpo, string_ppi: stringPpi, string: stringPpi };

/** Typed props for the kidney-genetics annotation sources whose data shape is known; other sources: none. */
export function kidneyApiTypedProps(source: string, data: unknown): Props {
  const typed = TYPED[source.toLowerCase()];
  return typed && isRecord(data) ? typed(data) : {};
}
