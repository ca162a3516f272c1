import { Neo4jError } from 'neo4j-driver';
import { HelixError } from '../errors.js';

/** Maps driver/server errors to Helix error codes; the original stays as `cause` for logs, never for clients. */
export function mapNeo4jError(error: unknown, queryName: string): HelixError {
  if (error instanceof HelixError) return error;
  if (error instanceof Neo4jError) {
    const code = error.code ?? '';
    if (code.includes('TransactionTimedOut') || code.includes('Transaction.Terminated')) {
      return new HelixError('TIMEOUT', `query ${queryName} exceeded its time limit`, { neo4jCode: code }, { cause: error });
    }
    if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.includes('DatabaseUnavailable')) {
      // A temporary state the client may retry (HTTP 503): Neo4j stopped, restarting, or a cluster without a leader.
      return new HelixError('SERVICE_UNAVAILABLE', 'Neo4j is unavailable; retry shortly', { neo4jCode: code }, { cause: error });
    }
    if (code.includes('InvalidBookmark')) {
      return new HelixError('BAD_USER_INPUT', 'the helix-bookmark sent is not a bookmark of this database', { neo4jCode: code }, { cause: error });
    }
    if (code.includes('ConstraintValidationFailed')) {
      return new HelixError('CONFLICT', `query ${queryName} violates a uniqueness constraint`, { neo4jCode: code }, { cause: error });
    }
    if (code.includes('Security.Unauthorized') || code.includes('AuthenticationRateLimit')) {
      return new HelixError('DATABASE_UNAVAILABLE', 'Neo4j refused our credentials', { neo4jCode: code }, { cause: error });
    }
    return new HelixError('DATABASE_ERROR', `query ${queryName} failed: ${code}`, { neo4jCode: code }, { cause: error });
  }
  return new HelixError('DATABASE_ERROR', `query ${queryName} failed`, undefined, { cause: error });
}
