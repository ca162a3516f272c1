import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.js';

export const ROOT_OPERATION = { Query: 'query', Mutation: 'mutation', Subscription: 'subscription' } as const;

/** The schema as the server loads it (built with graphql's own buildSchema: one module realm in tests). */
export function sdlSchema(): GraphQLSchema {
  return buildSchema(loadTypeDefs().join('\n'));
}

/** A literal for a required argument: a real urn for ids, the first enum value, required input fields. */
function literal(type: GraphQLInputType, urn: string): string {
  if (isNonNullType(type)) return literal(type.ofType, urn);
  if (isListType(type)) return `[${literal(type.ofType, urn)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, urn)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'ID':
      return JSON.stringify(urn);
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    default:
      return '"x"';
  }
}

/** `query { field(required args) { __typename } }` for one root field. */
export function rootFieldOperation(schema: GraphQLSchema, root: keyof typeof ROOT_OPERATION, field: string, urn: string): string {
  const type = schema.getType(root);
  if (!type || !isObjectType(type)) throw new Error(`no ${root}`);
  const f = type.getFields()[field]!;
  const args = f.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${literal(a.type, urn)}`);
  const named = getNamedType(f.type);
  const selection = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
  return `${ROOT_OPERATION[root]} { ${field}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}
