import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { exportRequest } from '../../../../../../src/services/export/export-request.js';
import { cypherLiteral, cypherName, cypherString } from '../../../../../../src/services/export/formats/cypher-literal.js';
import { idempotentConstraint } from '../../../../../../src/services/export/formats/cypher.js';
import { dotString } from '../../../../../../src/services/export/formats/dot.js';
import { graphmlKeyType } from '../../../../../../src/services/export/formats/graphml.js';
import { mermaidText } from '../../../../../../src/services/export/formats/mermaid.js';
import { runIdOf } from '../../../../../../src/services/export/formats/openlineage.js';
import { xmlAttr, xmlText } from '../../../../../../src/services/export/formats/xml-text.js';

describe('export options', () => {
  it('parse every scope and refuse what makes no sense', () => {
    expect(exportRequest({ format: 'JSON' })).toMatchObject({ format: 'jsonl', scope: { kind: 'all' }, properties: true, internal: false });
    expect(exportRequest({ format: 'dot', lineage: 'urn:x', direction: 'upstream', depth: '2', level: 'column' }).scope).toEqual({
      kind: 'lineage', urn: 'urn:x', direction: 'UPSTREAM', depth: 2, level: 'COLUMN', limit: undefined,
    });
    expect(exportRequest({ format: 'graphml', types: 'Model, Source', relTypes: 'FLOWS_TO' })).toMatchObject({ types: ['Model', 'Source'], relTypes: ['FLOWS_TO'] });
    for (const bad of [{ format: 'pdf' }, { format: 'dot', depth: 0, lineage: 'u' }, { format: 'dot', types: 'a b' }, { format: 'dot', provenance: 'u', direction: 'UPSTREAM' }]) {
      expect(() => exportRequest(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});

describe('format escaping', () => {
  it('Cypher literals keep their types and cannot be broken out of', () => {
    expect(cypherString("a'b\\c\nd`e")).toBe("'a\\'b\\\\c\\nd`e'");
    expect(cypherName('weird key')).toBe('`weird key`');
    expect(cypherName('a`b')).toBe('`a``b`');
    expect(cypherLiteral(neo4j.int(42))).toBe('42');
    expect(cypherLiteral(2)).toBe('2.0');
    expect(cypherLiteral(1e21)).toBe('1.0E21');
    expect(cypherLiteral([true, null, 'x'])).toBe("[true, null, 'x']");
    expect(cypherLiteral(new neo4j.types.Date(2024, 1, 2))).toBe("date('2024-01-02')");
    expect(idempotentConstraint('CREATE CONSTRAINT `node_urn` FOR (n:`Node`) REQUIRE (n.`urn`) IS UNIQUE')).toBe(
      'CREATE CONSTRAINT `node_urn` IF NOT EXISTS FOR (n:`Node`) REQUIRE (n.`urn`) IS UNIQUE;',
    );
  });

  it('GraphML keys get one type; XML text and attributes stay well-formed', () => {
    expect(graphmlKeyType(['INTEGER NOT NULL'])).toEqual({ type: 'long' });
    expect(graphmlKeyType(['INTEGER NOT NULL', 'FLOAT NOT NULL'])).toEqual({ type: 'double' });
    expect(graphmlKeyType(['INTEGER NOT NULL', 'STRING NOT NULL'])).toEqual({ type: 'string' });
    expect(graphmlKeyType(['LIST<STRING NOT NULL> NOT NULL'])).toEqual({ type: 'string', list: 'string' });
    expect(graphmlKeyType(['ZONED DATETIME NOT NULL'])).toEqual({ type: 'string' });
    expect(xmlText('a<b>&\r\u0001')).toBe('a&lt;b&gt;&amp;&#13;\uFFFD');
    expect(xmlAttr('"x"\n')).toBe('&quot;x&quot;&#10;');
  });

  it('DOT and Mermaid labels are escaped for their parsers', () => {
    expect(dotString('a "b" \\ &amp;\nc')).toBe('"a \\"b\\" \\\\ &amp;amp;\\nc"');
    expect(mermaidText('a"b#c<d>`[e]|\n')).toBe('a#34;b#35;c#60;d#62;#96;#91;e#93;#124;#10;');
  });

  it('runs from other sources get a stable UUID; OpenLineage run ids are kept', () => {
    const id = runIdOf('urn:nextflow:run:x', 'x');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(runIdOf('urn:nextflow:run:x', 'y')).toBe(id);
    expect(runIdOf('urn:ol:run:1', 'D4636C07-CCB7-4759-ACF2-0C0F429BB7E3')).toBe('d4636c07-ccb7-4759-acf2-0c0f429bb7e3');
  });
});
