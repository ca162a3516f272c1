import type { Principal } from './principal.js';

/**
 * Which namespace a node belongs to, for keys limited to namespaces (docs/security.md):
 * - dbt: `urn:dbt:<ns>:…` (capsules, their columns `…#col`, tests, results);
 * - OpenLineage datasets and jobs: their `namespace` property (else the urn's `urn:ol:dataset|job:<ns>:` prefix);
 * - OpenLineage runs: the namespaces of the jobs they are INSTANCE_OF (`__jobNamespaces`, attached by whoever
 *   returns the run: see RUN_JOB_NAMESPACES); a run returned without them is seen by full keys only;
 * - dbt invocations: the `namespace` stored on them (the ingestion's);
 * - conformance evaluations: the namespace they were asked for (one over every namespace: full keys only);
 * - genes, proteins, annotations, alignments, and workflow provenance (runs, files, steps of Nextflow, PROV,
 *   RO-Crate, strategies): the explicit `bio` scope;
 * - tags, owners, domains, data products, groups: shared vocabulary, visible to every key (what they hold is cut);
 * - conformance violations: the namespace stored on them;
 * - ingestions (records, incomplete scopes, progress): see ingestionNamespace;
 * - anything else (rules): keys for every namespace only.
 */
export type NodeScope =
  | { kind: 'namespace'; namespace: string }
  | { kind: 'ol'; urn: string; namespace: string | null }
  | { kind: 'ol-run'; jobNamespaces: string[] }
  | { kind: 'bio' }
  | { kind: 'shared' }
  | { kind: 'unscoped' };

/** The property under which an OpenLineage run carries its jobs' namespaces for visibility (never stored). */
export const RUN_JOB_NAMESPACES = '__jobNamespaces';

const BIO_LABELS = new Set(['Gene', 'Protein', 'Annotation', 'AnnotationSource', 'Alignment', 'Mutation', 'Panel', 'Publication', 'Sequence']);
const SHARED_PREFIXES = ['urn:tag:', 'urn:owner:', 'urn:domain:', 'urn:dataproduct:'];

export function nodeScope(urn: string, labels: readonly string[] = [], props: Record<string, unknown> = {}): NodeScope {
  if (urn.startsWith('urn:dbt:')) {
    const ns = urn.slice('urn:dbt:'.length).split(':')[0] ?? '';
    if (ns !== 'invocation') return { kind: 'namespace', namespace: ns };
    return typeof props.namespace === 'string' ? { kind: 'namespace', namespace: props.namespace } : { kind: 'unscoped' };
  }
  if (urn.startsWith('urn:ol:dataset:') || urn.startsWith('urn:ol:job:')) {
    return { kind: 'ol', urn, namespace: typeof props.namespace === 'string' ? props.namespace : null };
  }
  if (urn.startsWith('urn:ol:run:')) {
    const jobs = props[RUN_JOB_NAMESPACES];
    return Array.isArray(jobs) ? { kind: 'ol-run', jobNamespaces: jobs.filter((j): j is string => typeof j === 'string') } : { kind: 'unscoped' };
  }
  if (SHARED_PREFIXES.some((p) => urn.startsWith(p))) return { kind: 'shared' };
  // A violation belongs to its subject's namespace (stored on it); one without (a gene rule's) needs the full key.
  if (urn.startsWith('urn:helix:violation:') && typeof props.namespace === 'string') return { kind: 'namespace', namespace: props.namespace };
  // An evaluation belongs to the namespace it was asked for; one over every namespace needs the full key.
  if (urn.startsWith('urn:helix:conformance-evaluation:') && typeof props.namespace === 'string') return { kind: 'namespace', namespace: props.namespace };
  if (urn.startsWith('urn:helix:ingestion:')) {
    const ns = ingestionNamespace(typeof props.kind === 'string' ? props.kind : null, typeof props.namespace === 'string' ? props.namespace : null);
    return ns === null ? { kind: 'unscoped' } : ns === 'bio' ? { kind: 'bio' } : { kind: 'namespace', namespace: ns };
  }
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
    case 'ol-run':
      return scope.jobNamespaces.some((ns) => held.includes(ns));
    case 'bio':
      return held.includes('bio');
    case 'shared':
      return true;
    case 'unscoped':
      return false;
  }
}

/**
 * The namespace an ingestion writes into: a dbt ingestion its namespace (null while it is not known yet: the
 * project name is read from the manifest); every bio and workflow-provenance kind the `bio` scope; OpenLineage
 * files null (their events may name any namespace: keys of every namespace only).
 */
export function ingestionNamespace(kind: string | null, namespace: string | null): string | null {
  if (kind === 'dbt') return namespace;
  if (kind === null || kind === 'openlineage') return null;
  return 'bio';
}

/** An ingestion scope (`dbt:<ns>`, `dbt-run:<ns>:<invocation>`, `openlineage`, `hgnc:*`, `bio:<format>:<file>`…). */
export function ingestionScopeNamespace(scope: string): string | null {
  const [kind = '', ns = null] = scope.split(':');
  return ingestionNamespace(kind === 'dbt-run' ? 'dbt' : kind, ns);
}

/** Whether `principal` may see an ingestion writing into `namespace` (null: only keys of every namespace). */
export function seesIngestion(principal: Principal, namespace: string | null): boolean {
  return principal.namespaces === null || (namespace !== null && principal.namespaces.includes(namespace));
}
