import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { migrate, schemaVersion } from '../../../../src/db/migrate.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

let helix: HelixContext;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
});
afterAll(async () => helix?.close());

describe('real Neo4j over Bolt', () => {
  it('answers with the server version of Neo4j 5.26 and has APOC', async () => {
    const [info] = await helix.exec.runText('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition', {}, 'READ');
    expect(info?.name).toBe('Neo4j Kernel');
    expect(String(info?.version)).toMatch(/^5\.26\./);
    const [apoc] = await helix.exec.runText('RETURN apoc.version() AS v', {}, 'READ');
    expect(String(apoc?.v)).toMatch(/^5\.26\./);
  });

  it('applies migrations idempotently and records the schema version', async () => {
    const first = await migrate(helix.exec);
    const again = await migrate(helix.exec);
    expect(again.version).toBe(first.version);
    expect(await schemaVersion(helix.exec)).toBe(first.version);
    const constraints = await helix.exec.runText('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names', {}, 'READ');
    expect(constraints[0]?.names).toEqual(expect.arrayContaining(['node_urn', 'capsule_urn', 'column_urn', 'gene_urn']));
    const [ft] = await helix.exec.runText("SHOW FULLTEXT INDEXES YIELD name WHERE name = 'helix_search' RETURN count(*) AS n", {}, 'READ');
    expect(ft?.n).toBe(1);
  });

  it('converts Integers and temporal values to plain JavaScript in one place', async () => {
    const [row] = await helix.exec.runText('RETURN 42 AS n, date("2024-05-14") AS d, [1, 2] AS xs, {a: 1} AS m', {}, 'READ');
    expect(row).toEqual({ n: 42, d: '2024-05-14', xs: [1, 2], m: { a: 1 } });
  });

  it('maps Neo4j errors to Helix codes and counts round trips', async () => {
    const counter = { queries: 0 };
    await expect(helix.exec.runText('RETURN $x +', {}, 'READ', { counter })).rejects.toMatchObject({ code: 'DATABASE_ERROR' });
    await expect(
      helix.exec.runText('CALL apoc.util.sleep(3000) RETURN 1', {}, 'READ', { timeoutMs: 300, counter }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(counter.queries).toBe(2);
  });
});
