import { describe, expect, it } from 'vitest';
import { allColours, CANVAS_COLOUR, colourOf, contrastRatio, TEXT_COLOUR } from '../../../../../src/explorer/page/colors.js';
import { fullExportUrl, toGraphML, toMermaid } from '../../../../../src/explorer/page/export.js';
import { layeredPositions } from '../../../../../src/explorer/page/layered-layout.js';
import { flowEdge, labelOf, ViewModel } from '../../../../../src/explorer/page/model.js';
import { parseState, stateQuery } from '../../../../../src/explorer/page/state.js';

describe('explorer colours', () => {
  it('keep node text readable (AA, 4.5:1) and borders distinguishable from the canvas (3:1)', () => {
    for (const c of allColours()) {
      expect(contrastRatio(TEXT_COLOUR, c.fill)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(c.stroke, CANVAS_COLOUR)).toBeGreaterThanOrEqual(3);
    }
    expect(colourOf('Model')).not.toEqual(colourOf('Source'));
    expect(colourOf('NoSuchType').group).toBe('Other');
  });
});

describe('explorer URL state', () => {
  it('reads the shared-link form and writes it back the same way', () => {
    const s = parseState('?urn=urn%3Adbt%3Ashop%3Amodel.shop.orders&direction=UPSTREAM&depth=4&level=COLUMN');
    expect(s).toEqual({ urn: 'urn:dbt:shop:model.shop.orders', direction: 'UPSTREAM', depth: 4, level: 'COLUMN', mode: 'LINEAGE' });
    expect(stateQuery(s)).toBe('?urn=urn%3Adbt%3Ashop%3Amodel.shop.orders&direction=UPSTREAM&depth=4&level=COLUMN');
    expect(stateQuery(parseState('?q=orders'))).toBe('?q=orders');
    expect(stateQuery(parseState('?urn=x&mode=how_made&depth=2'))).toBe('?urn=x&depth=2&mode=HOW_MADE');
  });

  it('falls back to defaults on nonsense and clamps the depth', () => {
    expect(parseState('?urn=x&direction=SIDEWAYS&depth=999&level=ROW')).toMatchObject({ direction: 'BOTH', depth: 50, level: 'TABLE' });
    expect(parseState('?urn=x&depth=-3').depth).toBe(1);
    expect(parseState('').urn).toBeUndefined();
  });
});

describe('explorer view model and exports', () => {
  const model = new ViewModel();
  model.merge(
    [
      { urn: 'urn:dbt:s:source.s.raw.orders', type: 'Source', name: 'orders' },
      { urn: 'urn:dbt:s:model.s.orders', type: 'Model', name: 'orders' },
      { urn: 'urn:dbt:s:model.s.orders#id', type: 'Column', name: 'id', capsuleUrn: 'urn:dbt:s:model.s.orders' },
      { urn: 'urn:dbt:s:source.s.raw.orders#id', type: 'Column', name: 'id', capsuleUrn: 'urn:dbt:s:source.s.raw.orders' },
    ],
    [
      { from: 'urn:dbt:s:source.s.raw.orders', to: 'urn:dbt:s:model.s.orders', type: 'FLOWS_TO' },
      { from: 'urn:dbt:s:model.s.orders#id', to: 'urn:dbt:s:source.s.raw.orders#id', type: 'DERIVED_FROM' },
      { from: 'urn:dbt:s:model.s.orders', to: 'urn:dbt:s:not-in-view', type: 'FLOWS_TO' },
    ],
  );

  it('draws every edge the way data flows and drops edges to nodes outside the view', () => {
    expect([...model.edges.values()]).toEqual([
      { source: 'urn:dbt:s:source.s.raw.orders', target: 'urn:dbt:s:model.s.orders', type: 'FLOWS_TO' },
      { source: 'urn:dbt:s:source.s.raw.orders#id', target: 'urn:dbt:s:model.s.orders#id', type: 'DERIVED_FROM' },
    ]);
    expect(flowEdge({ from: 'out', to: 'run', type: 'WAS_GENERATED_BY' })).toEqual({ source: 'run', target: 'out', type: 'WAS_GENERATED_BY' });
  });

  it('labels repeated names by unique id and columns by their capsule', () => {
    const repeated = model.repeatedNames();
    expect(labelOf(model.nodes.get('urn:dbt:s:source.s.raw.orders')!, repeated)).toBe('raw.orders');
    expect(labelOf(model.nodes.get('urn:dbt:s:model.s.orders#id')!, repeated)).toBe('orders.id');
  });

  it('exports GraphML and Mermaid of exactly the view', () => {
    const graphml = toGraphML(model);
    expect(graphml.match(/<node /g)).toHaveLength(4);
    expect(graphml.match(/<edge /g)).toHaveLength(2);
    expect(graphml).toContain('<node id="urn:dbt:s:model.s.orders#id">');
    expect(toMermaid(model)).toBe(
      'flowchart LR\n  n0["orders (Source)"]\n  n1["orders (Model)"]\n  n2["id (Column)"]\n  n3["id (Column)"]\n  n0 -->|FLOWS_TO| n1\n  n3 -->|DERIVED_FROM| n2\n',
    );
    expect(fullExportUrl('urn:x:a#b', 'UPSTREAM', 3)).toBe('/api/v1/export?format=graphml&lineage=urn%3Ax%3Aa%23b&direction=UPSTREAM&depth=3');
  });
});

describe('layered layout', () => {
  it('places every edge left to right, one rank per longest-path distance, and survives cycles', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'a', target: 'c' },
      { source: 'd', target: 'e' },
      { source: 'e', target: 'd' },
    ];
    const p = layeredPositions(ids, edges, () => ({ w: 50, h: 20 }), { rankSep: 10, nodeSep: 5 });
    expect(p.size).toBe(5);
    expect(p.get('a')!.x).toBeLessThan(p.get('b')!.x);
    expect(p.get('b')!.x).toBeLessThan(p.get('c')!.x);
    expect(p.get('d')!.x).not.toBe(p.get('e')!.x);
  });

  it('places all of a 2,000-node lineage, sources first', () => {
    const ids = Array.from({ length: 2001 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).flatMap((id, i) => [{ source: `n${Math.floor(i / 2)}`, target: id }, { source: `n${Math.floor(i / 3)}`, target: id }]);
    const p = layeredPositions(ids, edges, () => ({ w: 80, h: 28 }), { rankSep: 90, nodeSep: 10 });
    expect(p.size).toBe(2001);
    for (const e of edges) expect(p.get(e.source)!.x).toBeLessThan(p.get(e.target)!.x);
  });
});
