import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPEN_PRINCIPAL, TOKEN_PRINCIPAL, type Principal } from '../../../../src/auth/principal.js';
import { ROLES } from '../../../../src/auth/roles.js';
import { denial, rootFieldsWithoutRule } from '../../../../src/graphql/plugins/access-control.js';
import { ROOT_FIELD_RULES } from '../../../../src/graphql/root-field-rules.js';
import { loadTypeDefs } from '../../../../src/graphql/schema.js';

const schema = buildSchema(loadTypeDefs().join('\n'));
const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;
const key = (role: Principal['role'], namespaces: string[] | null = null): Principal => ({ kind: 'key', id: 'k', role, namespaces });

describe('the access rule of every root field', () => {
  it('exists for every Query, Mutation and Subscription field of the schema (a new field without a rule fails here)', () => {
    expect(rootFieldsWithoutRule(schema)).toEqual([]);
  });

  it('names no field the schema does not have (no stale rules)', () => {
    for (const root of ROOTS) {
      const fields = Object.keys((schema.getType(root) as unknown as { getFields(): object }).getFields());
      expect(Object.keys(ROOT_FIELD_RULES[root]).filter((f) => !fields.includes(f)), root).toEqual([]);
    }
  });

  it('gives viewers reads, editors metadata, violations and ingestions, admins keys, rules and configuration', () => {
    const expectations: Array<[(typeof ROOTS)[number], string, (typeof ROLES)[number]]> = [
      ['Query', 'lineage', 'viewer'],
      ['Query', 'exportLink', 'viewer'],
      ['Subscription', 'runUpdated', 'viewer'],
      ['Mutation', 'addTag', 'editor'],
      ['Mutation', 'updateViolationStatus', 'editor'],
      ['Mutation', 'startIngestion', 'editor'],
      ['Mutation', 'createApiKey', 'admin'],
      ['Mutation', 'revokeApiKey', 'admin'],
      ['Mutation', 'evaluateConformance', 'admin'],
      ['Query', 'apiKeys', 'admin'],
      ['Query', 'auditEvents', 'admin'],
    ];
    for (const [root, field, least] of expectations) {
      for (const role of ROLES) {
        const allowed = ROLES.indexOf(role) >= ROLES.indexOf(least);
        expect(denial(key(role), root, field), `${role} ${root}.${field}`).toEqual(allowed ? undefined : expect.stringContaining(`needs the ${least} role`));
      }
    }
  });

  it('walks every root field × {viewer, editor, admin, viewer of another namespace, open, token}', () => {
    for (const root of ROOTS) {
      for (const [field, rule] of Object.entries(ROOT_FIELD_RULES[root])) {
        for (const role of ROLES) {
          const reason = denial(key(role), root, field);
          if (ROLES.indexOf(role) >= ROLES.indexOf(rule.role)) expect(reason, `${role} ${field}`).toBeUndefined();
          else expect(reason, `${role} ${field}`).toMatch(/^.+ needs the (editor|admin) role; this caller is a (viewer|editor)$/);
        }
        // A viewer of another namespace: namespaced answers are cut (allowed), the rest refused, never served whole.
        const other = denial(key('admin', ['other']), root, field);
        if (rule.scope === 'namespaced' || rule.scope === 'neutral') expect(other, field).toBeUndefined();
        else expect(other, field).toMatch(/needs (a key for every namespace|the "bio" scope)/);
        expect(denial(OPEN_PRINCIPAL, root, field)).toBeUndefined();
        expect(denial(TOKEN_PRINCIPAL, root, field)).toBeUndefined();
      }
    }
  });

  it('lets the bio scope read genes and proteins', () => {
    expect(denial(key('viewer', ['bio']), 'Query', 'gene')).toBeUndefined();
    expect(denial(key('viewer', ['shop']), 'Query', 'gene')).toMatch(/"bio" scope/);
  });
});
