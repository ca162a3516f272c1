import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../../auth/principal.js';
import { ingestionScopeNamespace, seesIngestion } from '../../auth/visibility.js';

export interface IncompleteScopeNotice {
  scope: string;
  ingestionId: string;
  status: string;
  /** Why it ended, when it did not complete (`worker lost`, the failure's message); null while running. */
  error: string | null;
}

/**
 * Marks every answer read while the graph holds a partial write (issue #16): when the latest ingestion of a scope is
 * running, failed (a lost worker included) or cancelled, what that scope's nodes show may be half of a snapshot, so
 * each GraphQL response carries `extensions.incompleteScopes` (scope, ingestion id, status, error) until an ingestion of
 * the scope completes. A key limited to namespaces hears only of its own (`<kind>:<namespace>` scopes). The list is
 * read at most once per `ttlMs` per process (cached answers are marked too: the mark is added to every result).
 */
export function incompleteScopesNotice(
  read: () => Promise<IncompleteScopeNotice[]>,
  principalOf: (request: Request) => Principal | undefined,
  ttlMs = 1000,
): Plugin {
  let cached: { at: number; scopes: Promise<IncompleteScopeNotice[]> } | undefined;
  const current = () => {
    if (!cached || performance.now() - cached.at > ttlMs) {
      // A failed read marks nothing (the answer itself is not at stake) and is retried on the next request.
      cached = { at: performance.now(), scopes: read().catch(() => ((cached = undefined), [])) };
    }
    return cached.scopes;
  };
  return {
    async onResultProcess({ request, result, setResult }) {
      if (Symbol.asyncIterator in (result as object)) return; // subscriptions: events, not a snapshot answer
      const all = await current();
      if (all.length === 0) return;
      const principal = principalOf(request);
      // The same cut as the incompleteScopes field: dbt scopes by namespace, bio and workflow kinds under `bio`.
      const visible = all.filter((s) => !principal || seesIngestion(principal, ingestionScopeNamespace(s.scope)));
      if (visible.length === 0) return;
      const mark = (r: ExecutionResult): ExecutionResult => ({ ...r, extensions: { ...r.extensions, incompleteScopes: visible } });
      setResult(Array.isArray(result) ? (result as ExecutionResult[]).map(mark) : mark(result as ExecutionResult));
    },
  };
}
