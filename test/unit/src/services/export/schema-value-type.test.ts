import { describe, expect, it } from 'vitest';
import { schemaValueType } from '../../../../../src/services/export/export-stats.js';
import { graphmlKeyType } from '../../../../../src/services/export/formats/graphml.js';

describe('db.schema type names as valueType() names (GraphML keys of an export of everything)', () => {
  it('maps scalars, arrays and temporals', () => {
    expect(schemaValueType('String')).toBe('STRING NOT NULL');
    expect(schemaValueType('Long')).toBe('INTEGER NOT NULL');
    expect(schemaValueType('Double')).toBe('FLOAT NOT NULL');
    expect(schemaValueType('Boolean')).toBe('BOOLEAN NOT NULL');
    expect(schemaValueType('LongArray')).toBe('LIST<INTEGER NOT NULL> NOT NULL');
    expect(schemaValueType('StringArray')).toBe('LIST<STRING NOT NULL> NOT NULL');
    expect(schemaValueType('DateTime')).toBe('DATETIME NOT NULL');
  });

  it('gives the GraphML key types the per-value pre-pass gives', () => {
    const both = (schema: string[], values: string[]) => expect(graphmlKeyType(schema.map(schemaValueType))).toEqual(graphmlKeyType(values));
    both(['Long'], ['INTEGER NOT NULL']);
    both(['Long', 'Double'], ['INTEGER NOT NULL', 'FLOAT NOT NULL']);
    both(['LongArray'], ['LIST<INTEGER NOT NULL> NOT NULL']);
    both(['String', 'Long'], ['STRING NOT NULL', 'INTEGER NOT NULL']);
    both(['DateTime'], ['ZONED DATETIME NOT NULL']);
    both(['Boolean'], ['BOOLEAN NOT NULL']);
  });
});
