import { GraphQLError } from 'graphql';
import { HelixError } from '../../errors.js';

/**
 * Arguments of a subscription are checked when it starts. A refusal is raised as a GraphQLError so Yoga answers the
 * stream with the error (status 200, like a query's errors) instead of treating it as a server failure (500).
 */
export function checked<T>(start: () => T): T {
  try {
    return start();
  } catch (error) {
    if (error instanceof HelixError) throw new GraphQLError(error.message, { extensions: { code: error.code } });
    throw error;
  }
}
