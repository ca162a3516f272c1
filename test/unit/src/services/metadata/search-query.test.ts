import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeOffset, encodeCursor } from '../../../../../src/services/metadata/cursor.js';
import { buildSearchQuery, escapeLucene } from '../../../../../src/services/metadata/lucene.js';

describe('Lucene escaping', () => {
  it('escapes every character of the query syntax', () => {
    expect(escapeLucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t',
    );
    expect(escapeLucene('stg_customers.v2')).toBe('stg_customers.v2');
  });

  it('requires every word as a word or prefix and boosts the exact name', () => {
    expect(buildSearchQuery('  Stg_Cust  orders ')).toEqual({
      lucene: 'name:"stg_cust  orders"^10 OR symbol:"stg_cust  orders"^10 OR ((stg_cust OR stg_cust*) AND (orders OR orders*))',
      exact: 'stg_cust  orders',
    });
  });

  it('keeps user operators and quotes inert', () => {
    const q = buildSearchQuery('a:b OR "c" NOT');
    expect(q.lucene).toBe('name:"a:b or \\"c\\" not"^10 OR symbol:"a:b or \\"c\\" not"^10 OR ((a\\:b OR a\\:b*) AND (or OR or*) AND (\\"c\\" OR \\"c\\"*) AND (not OR not*))');
    expect(buildSearchQuery('*** ???').lucene).toBe('name:"*** ???"^10 OR symbol:"*** ???"^10');
  });

  it('refuses empty and overlong text', () => {
    expect(() => buildSearchQuery('  ')).toThrow(/must not be empty/);
    expect(() => buildSearchQuery('x'.repeat(201))).toThrow(/longer than 200/);
  });
});

describe('cursors', () => {
  it('round-trip and belong to one list', () => {
    expect(decodeCursor('capsules', encodeCursor('capsules', 'urn:dbt:a:model.a.b'))).toBe('urn:dbt:a:model.a.b');
    expect(decodeOffset('search', encodeCursor('search', 41))).toBe(42);
    expect(decodeOffset('search', null)).toBe(0);
    expect(() => decodeCursor('capsules', encodeCursor('search', 3))).toThrow(/not a cursor of capsules/);
    expect(() => decodeCursor('capsules', '%%%')).toThrow(/not a cursor/);
    expect(() => decodeOffset('impact', encodeCursor('impact', -2))).toThrow(/not a cursor of impact/);
  });
});
