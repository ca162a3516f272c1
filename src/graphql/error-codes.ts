import { ERROR_CODES, type ErrorCode } from '../errors.js';

const CLOSED = new Set<string>(ERROR_CODES);

/** The messages graphql-armor and the lineage cost limit give when a query is too deep, costly or long. */
const LIMIT_SUBJECT = /depth|cost|aliases|directives|tokens|exceed/i;
const LIMIT_WORD = /limit|max|exceed/i;

/**
 * The one mapping of an error code given by graphql-js, Yoga or a plugin onto Helix's closed ErrorCode enum, used by
 * maskError (errors thrown while executing) and the closedErrorCodes plugin (errors Yoga reports before or around
 * execution). A code of the enum is kept; a limit breach is QUERY_TOO_COMPLEX; graphql's own GRAPHQL_* codes,
 * BAD_REQUEST and a missing code are the client's (BAD_USER_INPUT); any other code is `otherwise`.
 */
export function closedErrorCode(given: unknown, message: string, otherwise: ErrorCode): ErrorCode {
  const code = String(given ?? '');
  if (CLOSED.has(code)) return code as ErrorCode;
  if (LIMIT_SUBJECT.test(message) && LIMIT_WORD.test(message)) return 'QUERY_TOO_COMPLEX';
  if (code.startsWith('GRAPHQL_') || code === 'BAD_REQUEST' || code === '') return 'BAD_USER_INPUT';
  return otherwise;
}
