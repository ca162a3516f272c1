import { requireQueries } from '../../db/registry.js';
import { cachedResult } from '../lineage/result-cache.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { optionalText, storedRows, type StoredNode } from './keyset-cursor.js';

const Q = requireQueries(['bio/list-annotation-sources'] as const);

export interface AnnotationSourceCoverage {
  node: StoredNode;
  /** Distinct genes with an annotation from this release. */
  genes: number;
  annotations: number;
}

/** annotationSources(name): every source release with its coverage, cached until the graph changes. */
export async function listAnnotationSources(s: ServiceContext, args: { name?: string | null }): Promise<AnnotationSourceCoverage[]> {
  const name = optionalText('name', args.name, 200)?.toLowerCase() ?? null;
  return cachedResult(s, 'annotation-sources', { name }, async () => {
    const rows = await s.exec.read(Q['bio/list-annotation-sources'], { name }, s.query);
    const nodes = storedRows(rows);
    return rows.map((r, i) => ({ node: nodes[i]!, genes: Number(r.genes ?? 0), annotations: Number(r.annotations ?? 0) }));
  });
}
