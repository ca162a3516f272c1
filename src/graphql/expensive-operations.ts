import { getOperationAST, Kind, valueFromASTUntyped, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Root fields that make Neo4j (or a worker) do much more than a lookup, and so spend the lower "expensive" budget
 * (HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE). `lineage` only when deeper than the threshold (or without a depth).
 */
const ALWAYS_EXPENSIVE: Record<string, ReadonlySet<string>> = {
  query: new Set(['impact', 'lineagePath', 'exportLink']),
  mutation: new Set(['evaluateConformance', 'startIngestion']),
  subscription: new Set(),
};

/**
 * The expensive root fields an operation selects, once per selection (two aliases of `impact` are two), read from the
 * parsed document and its variables: an operation's name says nothing about what it does.
 */
export function expensiveRootFields(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  deepLineageDepth: number,
): string[] {
  const op = getOperationAST(document, operationName ?? undefined);
  if (!op) return [];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const defaults: Record<string, unknown> = {};
  for (const v of op.variableDefinitions ?? []) if (v.defaultValue) defaults[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
  const vars = { ...defaults, ...(variables ?? {}) };
  const always = ALWAYS_EXPENSIVE[op.operation] ?? new Set<string>();
  return rootFieldNodes(op.selectionSet, fragments).flatMap((f) => {
    const name = f.name.value;
    if (always.has(name)) return [name];
    if (op.operation === 'query' && name === 'lineage') {
      const arg = f.arguments?.find((a) => a.name.value === 'depth');
      const depth = arg ? valueFromASTUntyped(arg.value, vars) : undefined;
      // No depth means "as deep as lineage goes".
      if (typeof depth !== 'number' || depth > deepLineageDepth) return [name];
    }
    return [];
  });
}

/** Root field selections, through fragments and inline fragments (each fragment once). */
function rootFieldNodes(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...rootFieldNodes(s.selectionSet, fragments, seen));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      if (fragment) out.push(...rootFieldNodes(fragment.selectionSet, fragments, seen));
    }
  }
  return out;
}
