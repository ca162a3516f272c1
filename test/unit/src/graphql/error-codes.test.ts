import { describe, expect, it } from 'vitest';
import { closedErrorCode } from '../../../../src/graphql/error-codes.js';

/** The one mapping onto the closed ErrorCode enum (maskError and the closedErrorCodes plugin both use it). */
describe('closedErrorCode', () => {
  it.each([
    'Aliases limit of 15 exceeded, found 16.',
    'Directives limit of 50 exceeded, found 51.',
    'Query Cost limit of 5000 exceeded, found 6000.',
    'Query depth limit of 10 exceeded, found 11.',
    'Syntax Error: Token limit of 1000 exceeded.',
  ])('a graphql-armor limit is QUERY_TOO_COMPLEX: %s', (message) => {
    expect(closedErrorCode('GRAPHQL_VALIDATION_FAILED', message, 'INTERNAL')).toBe('QUERY_TOO_COMPLEX');
    expect(closedErrorCode(undefined, message, 'BAD_USER_INPUT')).toBe('QUERY_TOO_COMPLEX');
  });

  it('keeps a code of the enum, gives graphql-js and Yoga codes to the client, and the rest to `otherwise`', () => {
    expect(closedErrorCode('NOT_FOUND', 'x', 'INTERNAL')).toBe('NOT_FOUND');
    expect(closedErrorCode('GRAPHQL_PARSE_FAILED', 'Syntax Error: Unexpected Name', 'INTERNAL')).toBe('BAD_USER_INPUT');
    expect(closedErrorCode('BAD_REQUEST', 'POST body missing', 'INTERNAL')).toBe('BAD_USER_INPUT');
    expect(closedErrorCode('', 'Cannot query field "x"', 'INTERNAL')).toBe('BAD_USER_INPUT');
    expect(closedErrorCode('SOMETHING_ELSE', 'boom', 'INTERNAL')).toBe('INTERNAL');
    expect(closedErrorCode('SOMETHING_ELSE', 'boom', 'BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
  });

  it('a message that only mentions a limit, not a query limit, is not a complexity error', () => {
    expect(closedErrorCode('GRAPHQL_VALIDATION_FAILED', 'Argument "limit" has invalid value -1.', 'INTERNAL')).toBe('BAD_USER_INPUT');
  });
});
