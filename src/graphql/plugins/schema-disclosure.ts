import type { ExecutionResult, ValidationContext, ASTVisitor, FieldNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Production servers do not describe their schema to whoever asks: introspection is refused (HELIX_INTROSPECTION)
 * and "Did you mean …?" hints are cut from every error (HELIX_FIELD_SUGGESTIONS) — graphql-armor's mask covers
 * field names in validation only, while enum values and type names also leak from variable coercion errors.
 * Errors are made with Yoga's createGraphQLError: graphql's own classes may come from another module realm here.
 */
export function disableIntrospection(): Plugin {
  const rule = (context: ValidationContext): ASTVisitor => ({
    Field(node: FieldNode) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(
          createGraphQLError(`GraphQL introspection is disabled on this server (HELIX_INTROSPECTION); the query asks for "${node.name.value}".`, { nodes: [node] }),
        );
      }
    },
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestion<E extends Error>(error: E): E {
  const cleaned = error.message.replace(SUGGESTION, '').trim();
  if (cleaned === error.message) return error;
  // Same error, message without the hint (positions, path and extensions stay).
  return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as E, error, { message: cleaned });
}

export function hideSuggestions(): Plugin {
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map(withoutSuggestion));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as ExecutionResult;
          if (!('errors' in r) || !r.errors?.length) return;
          setResult({ ...r, errors: r.errors.map(withoutSuggestion) });
        },
      };
    },
  };
}
