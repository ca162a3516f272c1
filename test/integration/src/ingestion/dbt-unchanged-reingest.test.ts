import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { shopCopyPerTest } from './dbt-shop-copy.js';

let helix: HelixContext;
let work: string;
shopCopyPerTest('helix-dbt-unchanged-', (h, w) => ((helix = h), (work = w)));

const q = (text: string, params: Record<string, unknown> = {}) => helix.exec.runText(text, params, 'WRITE');
const tallies = (r: Awaited<ReturnType<typeof runDbtIngest>>) => [r.write.nodes, r.write.edges].map((t) => [t.created, t.updated, t.deleted]);

describe('re-ingesting unchanged dbt artifacts', () => {
  it('reuses the earlier result without mapping or writing, and reports what a full run would', async () => {
    const first = await runDbtIngest(helix.exec, work, {});
    const again = await runDbtIngest(helix.exec, work, {});
    expect(again.unchangedSince).toBe(first.id);
    expect(again.timingsMs.map).toBe(0);
    expect(tallies(again)).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(again.write.nodes.unchanged).toBe(first.write.nodes.created);
    expect(again.write.edges.unchanged).toBe(first.write.edges.created);
    expect(again.write.nodes.byLabel.Column?.unchanged).toBe(first.write.nodes.byLabel.Column?.created);
    expect(again.stats.sqlLineageCacheHits).toBe(first.stats.sqlLineageDerived);
    expect(again.issues).toEqual(first.issues);
    // A third run reuses the second's record.
    expect((await runDbtIngest(helix.exec, work, {})).unchangedSince).toBe(again.id);
  });

  it('runs in full when the graph no longer holds what the earlier ingestion wrote', async () => {
    const first = await runDbtIngest(helix.exec, work, {});
    const [col] = await q(`MATCH (c:Column {ingestScope: 'dbt:shop'}) RETURN c.urn AS urn ORDER BY urn LIMIT 1`);
    await q(`MATCH (c:Column {urn: $urn}) DETACH DELETE c`, { urn: col?.urn });
    const repaired = await runDbtIngest(helix.exec, work, {});
    expect(repaired.unchangedSince).toBeUndefined();
    expect(repaired.write.nodes.created).toBe(1);
    expect(repaired.write.edges.created).toBeGreaterThan(0);

    // A changed content hash (someone edited a node's content through the writer's back) is noticed too.
    await q(`MATCH (c:Column {urn: $urn}) SET c.contentHash = 'tampered'`, { urn: col?.urn });
    const restored = await runDbtIngest(helix.exec, work, {});
    expect(restored.unchangedSince).toBeUndefined();
    expect(restored.write.nodes.updated).toBe(1);
    // And an edge of the scope removed by hand.
    await q(`MATCH (:Column {urn: $urn})<-[r:HAS_COLUMN]-() DELETE r`, { urn: col?.urn });
    const relinked = await runDbtIngest(helix.exec, work, {});
    expect(relinked.unchangedSince).toBeUndefined();
    expect(relinked.write.edges.created).toBe(1);
    expect((await runDbtIngest(helix.exec, work, {})).unchangedSince).toBe(relinked.id);
    expect(first.write.nodes.created).toBeGreaterThan(10);
  });

  it('runs in full when an artifact changed, and under another namespace', async () => {
    await runDbtIngest(helix.exec, work, {});
    const file = path.join(work, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    const model = Object.values<any>(m.nodes).find((n) => n.resource_type === 'model');
    model.description = 'changed';
    writeFileSync(file, JSON.stringify(m));
    const changed = await runDbtIngest(helix.exec, work, {});
    expect(changed.unchangedSince).toBeUndefined();
    expect(changed.write.nodes.updated).toBe(1);
    const other = await runDbtIngest(helix.exec, work, { namespace: 'other' });
    expect(other.unchangedSince).toBeUndefined();
    expect(other.write.nodes.created).toBeGreaterThan(10);
  });
});
