import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, Fragment, reportNonStandard, type BioReadOptions } from '../common/batch.js';
import { resolveGene } from '../common/bio/gene-ref.js';
import { normalizePmid, slug } from '../common/bio/ids.js';
import { JsonReadCounter, readJsonWithout, streamJsonValues } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { cell, isoDate, list, num } from '../common/missing.js';
import { addAnnotation, cite, fromPanel, type SourceInfo } from '../common/bio/annotation-node.js';

type Json = Record<string, unknown>;

interface EvidenceFile {
  src: SourceInfo;
  /** The per-gene item: the publication (`PMID:n`) or the panel provider id. */
  item: string;
  mapGene(entry: Json, annotationUrn: string, f: Fragment): void;
}

function geneOf(entry: Json, f: Fragment, opts: BioReadOptions) {
  const gene = resolveGene({ hgncId: entry.hgnc_id, symbol: entry.symbol }, { index: opts.geneIndex, defaultTaxon: opts.taxonId });
  if (gene && gene.basis !== 'hgnc' && gene.basis !== 'hgnc-index') {
    f.issue('info', 'GENE_NOT_NORMALIZED', `gene ${String(entry.symbol)} has no HGNC id (${String(entry.normalization_status ?? 'unknown')})`, { subject: gene.urn });
  }
  return gene;
}

/** Literature seed (`literature_pmid_<n>.json`): the owned Publication and one Annotation per reported gene. */
function literature(meta: Json, f: Fragment, opts: BioReadOptions): EvidenceFile | undefined {
  const pmid = normalizePmid(meta.pmid ?? meta.id);
  if (!pmid) return undefined;
  f.node({
    urn: pmid,
    labels: ['Publication'],
    props: {
      pmid: pmid.slice(5),
      title: cell(meta.title),
      authors: list(meta.authors),
      journal: cell(meta.journal),
      publicationDate: isoDate(meta.publication_date),
      url: cell(meta.url),
      doi: cell(meta.doi),
    },
  });
  const version = opts.version ?? isoDate(meta.extraction_timestamp) ?? 'unknown';
  return {
    src: { name: 'literature', version, ...(cell(meta.extraction_timestamp) ? { retrievedAt: cell(meta.extraction_timestamp)! } : {}) },
    item: pmid,
    mapGene: (_entry, urn, g) => void cite(g, urn, pmid),
  };
}

/** Diagnostic panel seed (provider + genes[{symbol, panels[]…}]): one Annotation per gene, FROM_PANEL each panel. */
function panels(meta: Json, opts: BioReadOptions): EvidenceFile | undefined {
  const provider = cell(meta.provider_id) ?? cell(meta.id);
  if (!provider) return undefined;
  const scraped = cell(meta.scraped_at);
  const defaultPanel = isRecord(meta.metadata) ? cell(meta.metadata.panel_name) : undefined;
  return {
    src: { name: 'diagnostic-panels', version: opts.version ?? isoDate(scraped) ?? 'unknown', ...(scraped ? { retrievedAt: scraped } : {}) },
    item: provider,
    mapGene: (entry, urn, g) => {
      const names = list(entry.panels);
      for (const name of names.length ? names : defaultPanel ? [defaultPanel] : []) {
        fromPanel(g, urn, `${slug(provider)}/${slug(name)}`, {
          title: name,
          provider,
          providerName: cell(meta.provider_name),
          url: cell(meta.main_url),
        });
      }
    },
  };
}

/**
 * kidney-genetics evidence seeds: literature (`pmid`, `genes[]`) and diagnostic panels (`provider_id`, `genes[]`).
 * Read in two passes over the file (metadata, then genes one by one). Record = one gene entry.
 */
export async function* readKidneyEvidence(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  let meta: unknown;
  try {
    meta = await readJsonWithout(file, 'genes', counter);
  } catch (err) {
    b.issue('error', 'JSON_UNREADABLE', `JSON unreadable: ${(err as Error).message}`);
    yield b.finish();
    return;
  }
  const head = new Fragment();
  const evidence = isRecord(meta) ? (meta.pmid !== undefined ? literature(meta, head, opts) : panels(meta, opts)) : undefined;
  if (!evidence) {
    b.issue('error', 'KIDNEY_EVIDENCE_UNRECOGNISED', 'neither a literature (pmid) nor a diagnostic panel (provider_id) file');
    yield b.finish();
    return;
  }
  b.add(head);
  for await (const { key, value: entry, error } of streamJsonValues(file, 'genes', counter)) {
    if (key === -1) {
      b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error);
    else if (!isRecord(entry)) b.issue('error', 'KIDNEY_EVIDENCE_GENE_INVALID', 'gene entry is not an object');
    else {
      b.guard(undefined, cell(entry.symbol), (f) => {
        const gene = geneOf(entry, f, opts);
        if (!gene) {
          f.issue('error', 'GENE_UNIDENTIFIED', 'gene entry without hgnc_id or symbol');
          return;
        }
        const urn = addAnnotation(f, evidence.src, {
          gene,
          sourceItem: evidence.item,
          data: entry,
          props: {
            reportedAs: list(entry.reported_as),
            normalizationStatus: cell(entry.normalization_status),
            panels: list(entry.panels),
            occurrenceCount: num(entry.occurrence_count),
          },
        });
        evidence.mapGene(entry, urn, f);
      });
    }
    if (b.full) yield b.take();
  }
  reportNonStandard(b, counter);
  yield b.finish();
}
