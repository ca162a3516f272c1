import { namespaceProblem } from '../../ingest/common/identifiers.js';
import { badInput } from '../errors.js';

/** A key's namespace follows the same alphabet as the namespaces ingestions write (ingest/common/identifiers.ts). */
export function assertNamespace(namespace: string): void {
  const problem = namespaceProblem(namespace);
  if (problem) throw badInput(problem);
}
