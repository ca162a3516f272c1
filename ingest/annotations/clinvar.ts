import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { addAnnotation, cite } from '../common/bio/annotation-node.js';
import { readAnnotationJsonl } from './jsonl-reader.js';

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const obj = (v: unknown): Json => (isRecord(v) ? v : {});

const COUNT_KEYS = ['countBenign', 'countLikelyBenign', 'countUncertainSignificance', 'countLikelyPathogenic', 'countPathogenic', 'countConflicting'];

/**
 * ClinVar per-gene report (annonars `gene-variant-report.jsonl`: `{hgncId, impactCounts[{geneImpact, count…}]}`).
 * Typed: the counts by significance summed over impacts (`countPathogenic`, …, `variantCount`).
 */
export function readClinvarGeneReport(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationJsonl(file, opts, {
    source: 'clinvar',
    mapRecord(r, ctx, f) {
      const gene = ctx.gene({ hgncId: r.hgncId ?? r.hgnc_id });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', `record has no usable hgncId (${String(r.hgncId)})`);
        return;
      }
      const totals: Record<string, number> = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0]));
      const impacts: string[] = [];
      for (const impact of arr(r.impactCounts)) {
        const name = cell(impact.geneImpact);
        if (name) impacts.push(name.replace(/^GENE_IMPACT_/, '').toLowerCase());
        for (const [k, v] of Object.entries(impact)) {
          if (!k.startsWith('count')) continue;
          const n = num(v);
          if (n === undefined) f.issue('warning', 'BAD_NUMBER', `${k}: "${String(v)}" is not a number`);
          else totals[k] = (totals[k] ?? 0) + n;
        }
      }
      const variantCount = Object.values(totals).reduce((a, n) => a + n, 0);
      addAnnotation(f, ctx.src, { gene, data: r, props: { ...totals, variantCount, impacts } });
    },
  });
}

function conditionNames(classification: Json): string[] {
  const names: string[] = [];
  for (const condition of arr(classification.conditions)) {
    for (const trait of arr(condition.traits)) {
      const preferred = arr(trait.names).find((n) => n.type === 'Preferred') ?? arr(trait.names)[0];
      const name = preferred ? cell(preferred.value) : undefined;
      if (name && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/**
 * ClinVar VCV records (clinvar-data-jsonl). A variant annotates each gene it names (`hgncIds`): one Annotation per
 * gene and variant, urn `…:clinvar/<VCV accession>:<VCV version>` (a newer VCV version is a new node); typed
 * significance, review status, variation type, conditions; (Annotation)-[:CITES]->(Publication) for PubMed citations.
 */
export function readClinvarVariants(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationJsonl(file, opts, {
    source: 'clinvar',
    mapRecord(r, ctx, f) {
      const acc = obj(r.accession);
      const accession = cell(acc.accession) ?? cell(r.accession);
      const recordVersion = cell(acc.version);
      if (!accession) {
        f.issue('error', 'CLINVAR_NO_ACCESSION', 'variant record without an accession');
        return;
      }
      const germline = obj(obj(r.classifications).germlineClassification);
      const location = obj(r.sequenceLocation);
      const hgncIds = Array.isArray(r.hgncIds) ? r.hgncIds : [];
      if (!hgncIds.length) f.issue('warning', 'CLINVAR_NO_GENE', `${accession} names no gene (hgncIds empty)`, { subject: accession });
      const pmids = arr(germline.citations).flatMap((c) => arr(c.ids)).filter((id) => id.source === 'PubMed').map((id) => id.value);
      for (const hgncId of hgncIds) {
        const gene = ctx.gene({ hgncId });
        if (!gene) {
          f.issue('warning', 'BAD_HGNC_ID', `${accession}: unusable hgncId ${String(hgncId)}`, { subject: accession });
          continue;
        }
        const urn = addAnnotation(f, ctx.src, {
          gene,
          sourceItem: accession,
          version: recordVersion ?? ctx.src.version,
          updatedAt: cell(germline.mostRecentSubmission),
          data: r,
          props: {
            variantAccession: accession,
            variantVersion: recordVersion !== undefined ? Number(recordVersion) : undefined,
            variantName: cell(r.name),
            variationType: cell(r.variationType)?.replace(/^VARIATION_TYPE_/, ''),
            significance: cell(germline.description),
            reviewStatus: cell(germline.reviewStatus)?.replace(/^AGGREGATE_GERMLINE_REVIEW_STATUS_/, ''),
            conditions: conditionNames(germline),
            rcvAccessions: arr(r.rcvs).map((rcv) => cell(obj(rcv.accession).accession)).filter((a): a is string => !!a),
            assembly: cell(location.assembly),
            chromosome: cell(location.chr)?.replace(/^CHROMOSOME_/, ''),
            start: num(location.start),
            stop: num(location.stop),
          },
        });
        for (const pmid of pmids) cite(f, urn, pmid);
      }
    },
  });
}
