import type { CapsuleTree, Prefetched } from '../../services/metadata/capsule-trees.js';
import type { NodeParent } from './base.js';

/** Where a parent carries what a planned read fetched for its nested fields (a symbol: never serialised). */
const PREFETCHED = Symbol('prefetched');

export function plannedParent(tree: CapsuleTree): NodeParent {
  // One object literal (what toNodeParent builds, plus the symbol): a large nested answer builds thousands.
  return { ...tree.props, urn: tree.urn, labels: tree.labels, [PREFETCHED]: tree.prefetched };
}

export function prefetched(p: NodeParent): Prefetched | undefined {
  return (p as NodeParent & { [PREFETCHED]?: Prefetched })[PREFETCHED];
}
