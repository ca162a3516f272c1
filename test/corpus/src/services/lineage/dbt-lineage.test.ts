import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import { loadDbtArtifacts } from '../../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts } from '../../../../../ingest/dbt/map-dbt.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { corpusPath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { adjacency, bfs, strictClient } from '../../../../integration/src/services/lineage/helpers.js';

/**
 * Real manifests through the real mapper, the writer and the API: lineage must equal what the manifest's own
 * parent_map says (read here with JSON.parse, independently of the mapper).
 */
const PROJECTS = ['jaffle-shop-v12-dbt1.10.13', 'flipside-algorand-models-v7-dbt1.3.3', 'dbt-labs-c24-workshops-sales-v12-cloud2024.9'];
const CAPSULE_TYPES = new Set(['model', 'source', 'seed', 'snapshot', 'exposure', 'metric', 'semantic_model', 'saved_query', 'analysis']);

interface Manifest {
  parent_map: Record<string, string[]>;
  [section: string]: unknown;
}

function capsulesOf(m: Manifest): Map<string, { name: string; type: string }> {
  const out = new Map<string, { name: string; type: string }>();
  for (const section of ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries']) {
    for (const [id, n] of Object.entries((m[section] ?? {}) as Record<string, { name: string; resource_type: string }>)) {
      if (CAPSULE_TYPES.has(n.resource_type)) out.set(id, { name: n.name, type: n.resource_type });
    }
  }
  return out;
}

let helix: HelixContext;
beforeAll(async () => (helix = await openTestHelix()));
afterAll(async () => helix?.close());

describe.each(PROJECTS)('lineage of %s', (dir) => {
  let manifest: Manifest;
  let ns: string;
  beforeAll(async () => {
    await resetGraph(helix);
    const mapped = mapDbtArtifacts(await loadDbtArtifacts({ path: corpusPath('dbt', dir) }));
    ns = mapped.namespace;
    await writeGraph(helix.exec, mapped, { scope: `dbt:${ns}`, deleteMissing: true });
    manifest = JSON.parse(readFileSync(corpusPath('dbt', dir, 'manifest.json'), 'utf8')) as Manifest;
  });

  it('matches parent_map for every capsule, upstream and downstream, at any depth', async () => {
    const gql = strictClient(helix);
    const capsules = capsulesOf(manifest);
    const edges: Array<[string, string]> = [];
    for (const [child, parents] of Object.entries(manifest.parent_map)) {
      if (!capsules.has(child)) continue;
      for (const p of parents) if (capsules.has(p) && p !== child) edges.push([p, child]);
    }
    const { out, inn } = adjacency(edges);
    const id = (urn: string) => urn.slice(`urn:dbt:${ns}:`.length);
    let deep = 0;
    for (const uid of capsules.keys()) {
      const { lineage } = await gql(
        `query($urn: ID!) { lineage(urn: $urn, limit: 5000) { truncated nodes { urn distance direction } edges { from to } } }`,
        { urn: `urn:dbt:${ns}:${uid}` },
      );
      const up = bfs(uid, inn);
      const down = bfs(uid, out);
      const side = (d: string) => new Map(lineage.nodes.filter((n: any) => n.direction === d).map((n: any) => [id(n.urn), n.distance]));
      expect(side('UPSTREAM'), uid).toEqual(new Map([...up].filter(([u]) => u !== uid)));
      expect(side('DOWNSTREAM'), uid).toEqual(new Map([...down].filter(([u]) => u !== uid)));
      expect(lineage.truncated).toBe(false);
      if (Math.max(...up.values(), ...down.values()) >= 3) deep++;
    }
    expect(deep).toBeGreaterThan(0);
    const { capsules: page } = await gql(`query($ns: String) { capsules(filter: { namespace: $ns }) { totalCount } }`, { ns });
    expect(page.totalCount).toBe(capsules.size);
  });

  it('finds each model by its exact name first', async () => {
    const gql = strictClient(helix);
    const models = [...capsulesOf(manifest)].filter(([, c]) => c.type === 'model').slice(0, 15);
    for (const [uid, { name }] of models) {
      const { search } = await gql(`query($t: String!) { search(text: $t, first: 50) { edges { exactMatch node { urn } } } }`, { t: name });
      const exact = search.edges.filter((e: any) => e.exactMatch).map((e: any) => e.node.urn);
      expect(exact).toContain(`urn:dbt:${ns}:${uid}`);
      expect(search.edges.slice(0, exact.length).every((e: any) => e.exactMatch)).toBe(true);
    }
  });
});
