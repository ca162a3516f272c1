import { namespaceProblem } from '../../ingest/core/identifiers.js';
import { badInput } from '../errors.js';

/** A key's namespace follows the same alphabet as the namespaces ingestions write (ingest/core/identifiers.ts). */
export function assertNamespace(namespace: string): void {
  const problem = namespaceProblem(namespace);
  if (problem) throw badInput(problem);
}
