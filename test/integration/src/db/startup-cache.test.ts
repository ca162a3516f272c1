import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { assertQueriesValid, queryCheckKeys, recordQueryCheck } from '../../../../src/db/check-queries.js';
import { migrate, schemaVersion } from '../../../../src/db/migrate.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

let helix: HelixContext;
beforeAll(async () => {
  helix = await openTestHelix();
});
afterAll(async () => helix?.close());

describe('start-up Cypher check cache', () => {
  it('plans only the files whose content changed since the last check, and none when nothing did', async () => {
    const [server] = await helix.exec.read('meta/get-server-info', {}, { op: 'test' });
    const keys = [...queryCheckKeys(helix.exec.registry, String(server!.version)).values()];
    // An earlier start saw every file but the first one as it is now (as if that one had been edited since).
    await helix.exec.write('meta/record-query-check', { hash: 'partial', queries: keys.length - 1, files: keys.slice(1) }, { op: 'test' });
    expect(await assertQueriesValid(helix.exec)).toEqual({ checked: 1, cached: keys.length - 1 });
    expect(await assertQueriesValid(helix.exec)).toEqual({ checked: 0, cached: keys.length });
  });

  it('a full pass made elsewhere (the plan guard) is recorded only when it covers every file, and a reset keeps the record', async () => {
    const names = helix.exec.registry.names().filter((n) => !n.startsWith('schema/'));
    await helix.exec.write('meta/record-query-check', { hash: 'none', queries: 0, files: [] }, { op: 'test' });
    expect(await recordQueryCheck(helix.exec, names.slice(1).map((name) => ({ name, ok: true })))).toBe(false);
    expect(await recordQueryCheck(helix.exec, names.map((name, i) => ({ name, ok: i > 0 })))).toBe(false);
    expect(await recordQueryCheck(helix.exec, names.map((name) => ({ name, ok: true })))).toBe(true);
    await resetGraph(helix);
    expect(await assertQueriesValid(helix.exec)).toEqual({ checked: 0, cached: names.length });
    const [{ migrations }] = (await helix.exec.runText('MATCH (m:HelixMigration) RETURN count(m) AS migrations', {}, 'READ')) as any;
    expect(Number(migrations)).toBeGreaterThan(0);
  });

  it('applies at start-up only the migration files that are new or changed', async () => {
    const all = await migrate(helix.exec);
    expect(all.applied.length).toBe(all.version);
    expect(await migrate(helix.exec, { skipUnchanged: true })).toEqual({ version: all.version, applied: [] });
    expect(await schemaVersion(helix.exec)).toBe(all.version);
  });
});
