import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapProvJson } from '../../../../ingest/prov/index.js';
import { runProvIngest } from '../../../../src/ingestion/provenance.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { cypher } from '../../../integration/src/services/bio/helpers.js';

let helix: HelixContext;
const dir = corpusPath('provenance', 'cwlprov', 'revsort-run-1');
const provn = path.join(dir, 'primary.cwlprov.provn');

beforeAll(async () => {
  helix = await openTestHelix();
}, 600_000);
beforeEach(async () => resetGraph(helix));
afterAll(async () => helix?.close());

/** What the graph holds apart from the Ingestion records: nodes with their labels, edges as (type, from, to). */
async function stored() {
  const nodes = await cypher(helix, 'MATCH (n:Node) WHERE NOT n:Ingestion RETURN n.urn AS urn, labels(n) AS labels');
  const edges = await cypher(helix, 'MATCH (a:Node)-[r]->(b:Node) WHERE NOT a:Ingestion AND NOT b:Ingestion RETURN type(r) AS type, a.urn AS from, b.urn AS to');
  return {
    nodes: new Map(nodes.map((r) => [String(r.urn), (r.labels as string[]).filter((l) => l !== 'Node').sort().join(',')])),
    edges: new Set(edges.map((r) => `${r.type} ${r.from} ${r.to}`)),
  };
}

/** The graph the PROV-JSON twin maps to. */
function expectedFromJsonTwin() {
  const g = mapProvJson(readFileSync(path.join(dir, 'primary.cwlprov.json'), 'utf8'));
  return {
    nodes: new Map(g.nodes.map((n) => [n.urn, [...n.labels].sort().join(',')])),
    edges: new Set(g.edges.map((e) => `${e.type} ${e.from} ${e.to}`)),
  };
}

describe('helix ingest prov with PROV-N', () => {
  it('ingests a .provn file into the graph its PROV-JSON twin maps to', async () => {
    const report = await runProvIngest(helix.exec, provn, {});
    expect(report.status).toBe('completed');
    expect(report.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(report.stats.files).toBe(1);
    const { nodes, edges } = await stored();
    const expected = expectedFromJsonTwin();
    expect(nodes).toEqual(expected.nodes);
    expect(edges).toEqual(expected.edges);

    const again = await runProvIngest(helix.exec, provn, {});
    expect(again.write.changed).toBe(false);
  });

  it('reads a folder holding both notations of one run once, from the JSON', async () => {
    const report = await runProvIngest(helix.exec, dir, {});
    expect(report.status).toBe('completed');
    expect(report.stats.files).toBe(1);
    expect(report.issues).toContainEqual({ severity: 'info', code: 'FILE_SKIPPED', message: 'PROV-N twin of primary.cwlprov.json, read from there', file: provn });
    const { nodes } = await stored();
    expect(nodes).toEqual(expectedFromJsonTwin().nodes);
  });

  it('finds PROV-N by content, reports its syntax errors with their line and writes the rest', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'helix-provn-'));
    const file = path.join(tmp, 'run.prov');
    writeFileSync(file, [
      '// hand-written',
      'document',
      '  prefix ex <http://example.org/>',
      '  activity(ex:run, 2024-01-01T00:00:00Z, 2024-01-01T00:01:00Z)',
      '  used(ex:run, ex:input, not-a-time)',
      '  wasGeneratedBy(ex:output, ex:run, -)',
      'endDocument',
    ].join('\n'));
    writeFileSync(path.join(tmp, 'notes.txt'), 'not provenance');
    const report = await runProvIngest(helix.exec, tmp, {});
    expect(report.status).toBe('completed');
    expect(report.stats.files).toBe(1);
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'PROVN_SYNTAX_ERROR', file, line: 5 }));
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'FILE_SKIPPED', file: path.join(tmp, 'notes.txt') }));
    const { nodes, edges } = await stored();
    expect(nodes.get('urn:prov:activity:http://example.org/run')).toBe('Run');
    expect(edges).toEqual(new Set(['WAS_GENERATED_BY urn:prov:entity:http://example.org/output urn:prov:activity:http://example.org/run']));
  });
});
