import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { sha256Hex, type PersistedOperations } from '../../config/persisted-operations.js';

/**
 * Persisted operations (HELIX_PERSISTED_OPERATIONS, docs/security.md) after Apollo's convention: a client sends
 * `extensions.persistedQuery { version: 1, sha256Hash }`, with or without the query. A known hash without a query
 * runs the stored document; an unknown one answers `PersistedQueryNotFound` (Apollo clients then resend it with the
 * query). With `only`, a document whose sha256 is not in the list is refused (403 FORBIDDEN) before it is parsed.
 */
export function persistedOperations(ops: PersistedOperations, only: boolean): Plugin[] {
  const onlyListed: Plugin = {
    onParams({ params }) {
      if (!only || typeof params.query !== 'string') return;
      if (ops.hashes.has(sha256Hex(params.query))) return;
      throw createGraphQLError('This server runs only persisted operations (HELIX_PERSISTED_OPERATIONS_ONLY): the document is not in its list.', {
        extensions: { code: 'FORBIDDEN', http: { status: 403 } },
      });
    },
  };
  return [
    onlyListed,
    usePersistedOperations({
      getPersistedOperation: (hash) => ops.documents.get(hash.toLowerCase()) ?? null,
      // Documents sent as text were judged by onlyListed above.
      allowArbitraryOperations: true,
      customErrors: {
        notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'NOT_FOUND' } },
        keyNotFound: { message: 'send a query, or extensions.persistedQuery { version: 1, sha256Hash }', extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
      },
    }),
  ];
}
