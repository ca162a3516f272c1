import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { recordAudit } from '../../auth/audit.js';
import { OPEN_PRINCIPAL, type Principal } from '../../auth/principal.js';
import { roleAllows } from '../../auth/roles.js';
import type { GraphQLContext } from '../context.js';
import { ROOT_FIELD_RULES, type FieldRule } from '../root-field-rules.js';

type RootType = keyof typeof ROOT_FIELD_RULES;
const ROOT_OF = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** Root fields of the schema that have no rule in ROOT_FIELD_RULES (must be none: the server refuses to start). */
export function rootFieldsWithoutRule(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const root of Object.keys(ROOT_FIELD_RULES) as RootType[]) {
    const type = schema.getType(root);
    if (!type || !('getFields' in type)) continue;
    for (const field of Object.keys(type.getFields())) if (!ROOT_FIELD_RULES[root][field]) missing.push(`${root}.${field}`);
  }
  return missing;
}

/** Why `principal` may not call `root.field`, or undefined when it may. */
export function denial(principal: Principal, root: RootType, field: string): string | undefined {
  const rule: FieldRule | undefined = ROOT_FIELD_RULES[root][field];
  if (!rule) return `${root}.${field} has no access rule`;
  if (!roleAllows(principal.role, rule.role)) {
    return `${field} needs the ${rule.role} role; this caller is a ${principal.role}`;
  }
  if (principal.namespaces === null) return undefined;
  if (rule.scope === 'every-namespace') return `${field} needs a key for every namespace; this one is limited to ${principal.namespaces.join(', ')}`;
  if (rule.scope === 'bio' && !principal.namespaces.includes('bio')) return `${field} needs the "bio" scope; this key is limited to ${principal.namespaces.join(', ')}`;
  return undefined;
}

/**
 * Role and scope of every root field of an operation are checked before it runs (and before any cached answer is
 * served): one field the caller may not use refuses the whole operation with FORBIDDEN, naming the field and the
 * role it needs. Placed before the response cache in the plugin list.
 */
export function accessControl(schema: GraphQLSchema): Plugin<GraphQLContext> {
  const missing = rootFieldsWithoutRule(schema);
  if (missing.length > 0) throw new Error(`root fields without an access rule (src/graphql/root-field-rules.ts): ${missing.join(', ')}`);
  const check = (document: DocumentNode, operationName: string | null | undefined, ctx: Partial<GraphQLContext>) => {
    const op = getOperationAST(document, operationName ?? undefined);
    if (!op) return undefined;
    const root = ROOT_OF[op.operation];
    const fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const principal = ctx.principal ?? OPEN_PRINCIPAL;
    const fields = [...rootFields(op.selectionSet, fragments)];
    const reasons = fields.map((f) => denial(principal, root, f)).filter((r): r is string => Boolean(r));
    if (reasons.length === 0) return undefined;
    if (root === 'Mutation' && ctx.helix) recordRefusals(ctx as GraphQLContext, fields, reasons);
    return { errors: [createGraphQLError(`FORBIDDEN: ${reasons.join('; ')}`, { extensions: { code: 'FORBIDDEN' } })] };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args.document, args.operationName, args.contextValue as Partial<GraphQLContext>);
      if (refused) setResultAndStopExecution(refused);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args.document, args.operationName, args.contextValue as Partial<GraphQLContext>);
      if (refused) setResultAndStopExecution(refused);
    },
  };
}

/** Refused mutations are changes someone attempted: the audit trail keeps them (outcome `error: FORBIDDEN`). */
function recordRefusals(ctx: GraphQLContext, fields: string[], reasons: string[]): void {
  for (const action of fields) {
    void recordAudit(ctx.helix.exec, { actor: ctx.principal.id, action, targets: [], outcome: 'error: FORBIDDEN', requestId: ctx.requestId, details: { reason: reasons.join('; ') } }, { requestId: ctx.requestId }).catch(
      (err: unknown) => ctx.helix.logger.error({ err, requestId: ctx.requestId }, 'audit event not recorded'),
    );
  }
}

/** Names of the root fields an operation selects, through fragments and inline fragments; `__typename` excluded. */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (!s.name.value.startsWith('__')) out.add(s.name.value);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      for (const f of rootFields(s.selectionSet, fragments, seen)) out.add(f);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      if (fragment) for (const f of rootFields(fragment.selectionSet, fragments, seen)) out.add(f);
    }
  }
  return out;
}
