import type { Plugin } from 'graphql-yoga';
import { ERROR_CODES } from '../../errors.js';
import { closedErrorCode } from '../error-codes.js';

const CLOSED = new Set<string>(ERROR_CODES);

/**
 * GraphQL-js and Yoga label their own errors (GRAPHQL_VALIDATION_FAILED, GRAPHQL_PARSE_FAILED, BAD_REQUEST...);
 * clients of Helix see only the closed ErrorCode enum, so those are mapped at the very end of processing.
 */
export function closedErrorCodes(): Plugin {
  return {
    onResultProcess({ result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }).errors;
        for (const e of errors ?? []) {
          const code = String(e.extensions?.code ?? '');
          if (CLOSED.has(code)) continue;
          e.extensions = { ...e.extensions, code: closedErrorCode(code, e.message, 'INTERNAL') };
        }
      }
    },
  };
}
