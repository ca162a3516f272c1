import type { Principal } from './principal.js';

/**
 * Which namespace a node belongs to, for keys limited to namespaces (docs/security.md):
 * - dbt: `urn:dbt:<ns>:…` (capsules, their columns `…#col`, tests, results);
 * - OpenLineage datasets and jobs: their `namespace` property (else the urn's `urn:ol:dataset|job:<ns>:` prefix);
 * - genes, proteins, annotations, alignments, and workflow provenance (runs, files, steps of Nextflow, PROV,
 *   RO-Crate, strategies): the explicit `bio` scope;
 * - tags, owners, domains, data products, groups: shared vocabulary, visible to every key (what they hold is cut);
 * - conformance violations: the namespace stored on them;
 * - anything else (ingestions, rules, dbt invocations, OpenLineage runs): keys for every namespace only.
 */
export type NodeScope = { kind: 'namespace'; namespace: string } | { kind: 'ol'; urn: string; namespace: string | null } | { kind: 'bio' } | { kind: 'shared' } | { kind: 'unscoped' };

const BIO_LABELS = new Set(['Gene', 'Protein', 'Annotation', 'AnnotationSource', 'Alignment', 'Mutation', 'Panel', 'Publication', 'Sequence']);
const SHARED_PREFIXES = ['urn:tag:', 'urn:owner:', 'urn:domain:', 'urn:dataproduct:'];

export function nodeScope(urn: string, labels: readonly string[] = [], props: Record<string, unknown> = {}): NodeScope {
  if (urn.startsWith('urn:dbt:')) {
    const ns = urn.slice('urn:dbt:'.length).split(':')[0] ?? '';
    return ns === 'invocation' ? { kind: 'unscoped' } : { kind: 'namespace', namespace: ns };
  }
  if (urn.startsWith('urn:ol:dataset:') || urn.startsWith('urn:ol:job:')) {
    return { kind: 'ol', urn, namespace: typeof props.namespace === 'string' ? props.namespace : null };
  }
  if (SHARED_PREFIXES.some((p) => urn.startsWith(p))) return { kind: 'shared' };
  // A violation belongs to its subject's namespace (stored on it); one without (a gene rule's) needs the full key.
  if (urn.startsWith('urn:helix:violation:') && typeof props.namespace === 'string') return { kind: 'namespace', namespace: props.namespace };
  if (urn.startsWith('urn:ol:') || urn.startsWith('urn:helix:')) return { kind: 'unscoped' };
  if (labels.some((l) => BIO_LABELS.has(l)) || /^HGNC:|^urn:gene:/.test(urn)) return { kind: 'bio' };
  if (labels.some((l) => ['Run', 'Job', 'File', 'Step', 'Entity', 'Agent', 'Activity'].includes(l))) return { kind: 'bio' };
  return { kind: 'unscoped' };
}

/** Whether `principal` may see the node (every node for a key of every namespace). */
export function canSee(principal: Principal, urn: string, labels?: readonly string[], props?: Record<string, unknown>): boolean {
  const held = principal.namespaces;
  if (held === null) return true;
  const scope = nodeScope(urn, labels, props);
  switch (scope.kind) {
    case 'namespace':
      return held.includes(scope.namespace);
    case 'ol':
      // The property when stored; the urn's prefix otherwise (a held namespace never contains ':').
      return scope.namespace !== null
        ? held.includes(scope.namespace)
        : held.some((ns) => scope.urn.startsWith(`urn:ol:dataset:${ns}:`) || scope.urn.startsWith(`urn:ol:job:${ns}:`));
    case 'bio':
      return held.includes('bio');
    case 'shared':
      return true;
    case 'unscoped':
      return false;
  }
}
