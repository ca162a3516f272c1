import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BADGE_KINDS } from '../../../../../src/explorer/page/badges.js';
import { loadTypeDefs } from '../../../../../src/graphql/schema.js';

// The explorer asks for badges with one query per kind; each must be valid against the schema the server serves, or
// that badge silently disappears (a kind that fails only logs a warning in the page).
describe('explorer badges', () => {
  // Built by this module's own graphql (the executable schema may come from another copy of the module).
  const schema = buildSchema(loadTypeDefs().join('\n'));
  it('show failing tests, open violations and PII', () => {
    expect(BADGE_KINDS.map((k) => k.id)).toEqual(['failing-tests', 'violations', 'pii']);
  });

  it.each(BADGE_KINDS.map((k) => [k.id, k] as const))('%s: its query validates against the schema', (_id, kind) => {
    const document = parse(`query ExplorerBadges($ids: [ID!]!) { nodes(ids: $ids) { urn ${kind.selection} } }`);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });

  it('count what the answers hold', () => {
    const [, violations, pii] = BADGE_KINDS;
    expect(violations!.count({ violations: [{ id: 'a' }, { id: 'b' }] })).toBe(2);
    expect(pii!.count({ pii: [{ category: 'EMAIL' }, { category: 'NAME' }] })).toBe(1);
    expect(pii!.count({ columns: [{ pii: [{ category: 'EMAIL' }] }, { pii: [] }, { pii: [{ category: 'PHONE' }] }] })).toBe(2);
    expect(violations!.appliesTo('Column')).toBe(false);
  });
});
