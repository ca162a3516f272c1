import type { Props } from '../../core/graph.js';
import type { Fragment } from '../batch.js';
import { geneReferenceNode, type GeneRef } from './gene-ref.js';
import { normalizePmid } from './ids.js';
import { genePanelUrn } from '../urns.js';

/** Which release of which source a file holds. */
export interface SourceInfo {
  /** Source name as used in urns: `gnomad`, `gtex`, `clinvar`, `hpo`, `string`, `kidney-genetics`, … */
  name: string;
  version: string;
  retrievedAt?: string;
}

export interface AnnotationSpec {
  gene: GeneRef;
  /**
   * For sources with one record per item and gene (a ClinVar variant, a publication, a diagnostic panel provider):
   * the item id; the urn's source segment becomes `<source>/<item>`.
   */
  sourceItem?: string;
  /** Version of this annotation when the record carries its own (kidney-genetics API); default: the source's. */
  version?: string;
  updatedAt?: string;
  /** The full source record, stored as `dataJson`. */
  data: unknown;
  /** Typed properties for well-known fields. */
  props: Props;
}

export function annotationSourceUrn(src: SourceInfo): string {
  return `urn:annotation-source:${src.name}:${src.version}`;
}

export function annotationUrn(geneUrn: string, source: string, version: string, sourceItem?: string): string {
  return `urn:annotation:${geneUrn}:${sourceItem ? `${source}/${sourceItem}` : source}:${version}`;
}

/** JSON for `dataJson`: undefined dropped, non-finite numbers as null (Neo4j- and JSON-safe). */
export function dataJson(data: unknown): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

/**
 * (Gene)-[:HAS_ANNOTATION]->(Annotation)-[:FROM_SOURCE]->(AnnotationSource). The gene is a reference; Annotation
 * and AnnotationSource are owned. A newer version has a different urn, so history is kept as separate nodes.
 */
export function addAnnotation(f: Fragment, src: SourceInfo, spec: AnnotationSpec): string {
  const version = spec.version ?? src.version;
  const urn = annotationUrn(spec.gene.urn, src.name, version, spec.sourceItem);
  const sourceUrn = annotationSourceUrn(src);
  f.node({
    urn: sourceUrn,
    labels: ['AnnotationSource'],
    props: { name: src.name, version: src.version, retrievedAt: src.retrievedAt },
  });
  f.node(geneReferenceNode(spec.gene));
  f.node({
    urn,
    labels: ['Annotation'],
    props: {
      source: src.name,
      sourceItem: spec.sourceItem,
      version,
      updatedAt: spec.updatedAt,
      geneUrn: spec.gene.urn,
      ...spec.props,
      dataJson: dataJson(spec.data),
    },
  });
  f.edge('HAS_ANNOTATION', spec.gene.urn, urn);
  f.edge('FROM_SOURCE', urn, sourceUrn);
  f.count('annotations');
  return urn;
}

/** (Annotation)-[:CITES]->(Publication `PMID:<n>`); returns false for an id that is not a PubMed id. */
export function cite(f: Fragment, annotationUrn: string, pmid: unknown, props: Props = {}): boolean {
  const urn = normalizePmid(pmid);
  if (!urn) return false;
  f.node({ urn, labels: ['Publication'], props: { pmid: urn.slice(5), ...props }, mode: 'reference' });
  f.edge('CITES', annotationUrn, urn);
  return true;
}

/** (Annotation)-[:FROM_PANEL]->(Panel); the Panel is a reference (the evidence file names it, others may too). */
export function fromPanel(f: Fragment, annotationUrn: string, name: string, props: Props = {}): void {
  const urn = genePanelUrn(name);
  f.node({ urn, labels: ['Panel'], props: { name, ...props }, mode: 'reference' });
  f.edge('FROM_PANEL', annotationUrn, urn);
}
