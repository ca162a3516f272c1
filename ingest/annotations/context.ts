import type { BatchBuilder, BioReadOptions } from '../common/batch.js';
import { resolveGene, type GeneIds, type GeneRef } from '../common/bio/gene-ref.js';
import { versionFromFileName } from '../common/version.js';
import type { SourceInfo } from '../common/bio/annotation-node.js';

export interface AnnotationContext {
  src: SourceInfo;
  /** The gene a record names (HGNC urn when known, else the documented fallback). */
  gene(ids: GeneIds): GeneRef | undefined;
}

export interface SourceDefaults {
  name: string;
  /** Version found in the file's content (a header line, a metadata field). */
  contentVersion?: string;
  /** Used when neither options, content nor file name say which release this is. */
  defaultVersion?: string;
  retrievedAt?: string;
}

/**
 * Source name and release for a file: `opts.version`, else the content, else the file name
 * (`…v4.1…`, `…2023-11-22…`), else the format's default, else `unknown` (reported once).
 */
export function annotationContext(b: BatchBuilder, opts: BioReadOptions, d: SourceDefaults): AnnotationContext {
  let version = opts.version ?? d.contentVersion ?? versionFromFileName(b.file) ?? d.defaultVersion;
  if (!version) {
    version = 'unknown';
    b.issue('warning', 'ANNOTATION_VERSION_UNKNOWN', `no release for source ${d.name}: pass a version; using "unknown"`);
  }
  const retrievedAt = opts.retrievedAt ?? d.retrievedAt;
  const src: SourceInfo = { name: d.name, version, ...(retrievedAt ? { retrievedAt } : {}) };
  return {
    src,
    gene: (ids) => resolveGene(ids, { index: opts.geneIndex, defaultTaxon: opts.taxonId }),
  };
}
