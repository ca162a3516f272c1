import { getOperationAST, Kind, print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { HelixContext } from '../../app/context.js';
import { graphVersionReader } from '../../services/lineage/graph-version.js';
import { TieredCache } from '../../cache/tiered-cache.js';
import { argumentHash } from '../../services/lineage/result-cache.js';
import type { GraphQLContext } from '../context.js';
import { OPEN_PRINCIPAL, visibilityKey } from '../../auth/principal.js';

/**
 * Root fields whose whole answer depends only on the graph version, the request and the response scope: lineage and
 * the dbt catalog (graph content that only ingestions and mutations change, and both bump the version). Not here:
 * nodes whose state changes without a version bump (ingestions in progress, runs).
 */
const CACHEABLE_ROOTS = new Set(['lineage', 'impact', 'lineagePath', 'capsule', 'capsules', 'column', 'search']);

/**
 * What else an answer depends on besides graph and request: what the caller may see (its namespaces). Callers with
 * the same visibility share cached answers; a key limited to other namespaces never receives them.
 */
function responseScope(ctx: Partial<GraphQLContext>): string {
  return visibilityKey(ctx.principal ?? OPEN_PRINCIPAL);
}

const printed = new WeakMap<DocumentNode, string>();

/**
 * Whole responses of queries made only of the cacheable roots (lineage, impact, lineagePath, capsule, capsules,
 * column, search), cached in the result cache under graph
 * epoch + version + query + variables: a repeated lineage query skips GraphQL execution entirely (the service-level
 * cache still serves other shapes of the same question). Same invalidation as the service cache: every ingestion
 * and mutation bumps the version; responses with errors are never stored.
 */
export function lineageResponseCache(helix: Pick<HelixContext, 'exec' | 'cache' | 'config'>): Plugin<GraphQLContext> {
  if (helix.config.HELIX_CACHE === 'off') return {};
  // Repeated answers are served from this process's memory before Redis is asked.
  const cache = new TieredCache(helix.cache);
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const op = getOperationAST(args.document, args.operationName ?? undefined);
      if (!op || op.operation !== 'query') return;
      const roots = op.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''));
      if (!roots.some((r) => CACHEABLE_ROOTS.has(r)) || !roots.every((r) => CACHEABLE_ROOTS.has(r) || r === '__typename')) return;
      const ctx = args.contextValue as Partial<GraphQLContext> & { params?: { query?: string } };
      const { epoch, version } = await graphVersionReader(helix.exec).read(ctx.queryCtx ?? {});
      if (epoch === 'empty') return;
      const query = ctx.params?.query ?? printedOnce(args.document);
      const request = { query, variables: args.variableValues ?? {}, op: args.operationName ?? null, scope: responseScope(ctx) };
      const key = `response:v1:${epoch}:${version}:${argumentHash(request)}`;
      const hit = await cache.get(key);
      if (hit !== undefined) return void setResultAndStopExecution(storedAnswer(hit));
      return {
        onExecuteDone({ result, setResult }) {
          // Only answers made of `data` alone are kept: the stored text is then exactly what Yoga would write.
          if (!isDataOnly(result)) return;
          const text = JSON.stringify(result);
          void cache.set(key, text, helix.config.HELIX_CACHE_TTL_SECONDS);
          // ...so the miss sends that text too, instead of Yoga serializing the same data a second time.
          setResult(executedAnswer(result, text));
        },
      };
    },
  };
}

/**
 * A stored answer as the result of execution, served as is: Yoga writes what the result's `stringify` returns (its
 * result processor calls `result.stringify ?? JSON.stringify`), so a hit neither parses the stored JSON nor
 * serializes it again. `data` is parsed only when a later plugin reads it; a plugin that copies the result
 * (`{ ...r, extensions }`, the incomplete-scopes mark) gets the data but not `stringify` (not enumerable), so its
 * copy is serialized as usual and the mark is never lost.
 */
export function storedAnswer(text: string): ExecutionResult {
  let parsed: ExecutionResult | undefined;
  const result = {} as ExecutionResult;
  Object.defineProperty(result, 'data', { enumerable: true, get: () => (parsed ??= JSON.parse(text) as ExecutionResult).data });
  Object.defineProperty(result, 'stringify', { enumerable: false, value: () => text });
  return result;
}

/**
 * An executed data-only answer with its serialization already made (the text stored for the next hits): Yoga sends
 * `stringify()`'s text, which is JSON.stringify of the same result (Yoga strips internals only from errors and
 * `extensions.http`, which a data-only answer has not). `data` stays the executed object for later plugins; like a
 * hit, a copy (the incomplete-scopes mark) loses `stringify` and is serialized anew.
 */
export function executedAnswer(result: ExecutionResult, text: string): ExecutionResult {
  const answer: ExecutionResult = { data: result.data };
  Object.defineProperty(answer, 'stringify', { enumerable: false, value: () => text });
  return answer;
}

function isDataOnly(result: unknown): result is ExecutionResult {
  if (typeof result !== 'object' || result === null || !('data' in result)) return false;
  const keys = Object.keys(result);
  return keys.length === 1 && (result as ExecutionResult).data !== null && (result as ExecutionResult).data !== undefined;
}

function printedOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}
