import type { CapsuleTree, Prefetched } from '../../services/metadata/capsule-trees.js';
import { toNodeParent, type NodeParent } from './base.js';

/** Where a parent carries what a planned read fetched for its nested fields (a symbol: never serialised). */
const PREFETCHED = Symbol('prefetched');

export function plannedParent(tree: CapsuleTree): NodeParent {
  // What toNodeParent builds (Object.assign, not spread: see there), plus the symbol.
  const parent = toNodeParent(tree) as NodeParent & { [PREFETCHED]?: Prefetched };
  parent[PREFETCHED] = tree.prefetched;
  return parent;
}

export function prefetched(p: NodeParent): Prefetched | undefined {
  return (p as NodeParent & { [PREFETCHED]?: Prefetched })[PREFETCHED];
}
