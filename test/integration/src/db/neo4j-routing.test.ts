import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { postGraphQL, startTestServer } from '../../../support/http-server.js';

/**
 * Neo4j beyond one instance, tested against the single Community instance through the routing scheme (neo4j://),
 * which it serves: reads go through read transactions, writes through write transactions, the database name comes
 * from NEO4J_DATABASE, and the `helix-bookmark` header carries read-your-writes from a mutation to the same client's
 * next query.
 */
const CUSTOMERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.customers';

describe('NEO4J_URI with neo4j:// routing', () => {
  let helix: HelixContext;
  let http: Awaited<ReturnType<typeof startTestServer>>;
  const routed = inject('neo4jUri').replace(/^bolt:/, 'neo4j:');

  beforeAll(async () => {
    helix = await openTestHelix({ NEO4J_URI: routed, NEO4J_DATABASE: 'neo4j' });
    await resetGraph(helix);
    await loadDemoGraph(helix.exec, { force: true });
    http = await startTestServer(helix);
  }, 300_000);
  afterAll(async () => {
    await http?.close();
    await resetGraph(helix);
    await helix?.close();
  });

  it('serves queries through the routing driver', async () => {
    expect(helix.target.uri.startsWith('neo4j://')).toBe(true);
    const answer = await postGraphQL(http.base, `{ capsule(urn: "${CUSTOMERS}") { urn } }`);
    expect(answer.body).toEqual({ data: { capsule: { urn: CUSTOMERS } } });
  });

  it('runs reads in read transactions (a write there is refused) and writes in write transactions', async () => {
    await expect(helix.exec.runText('CREATE (n:HelixRoutingProbe) RETURN n', {}, 'READ')).rejects.toMatchObject({ code: 'DATABASE_ERROR' });
    const [row] = await helix.exec.runText('CREATE (n:HelixRoutingProbe) WITH n DELETE n RETURN 1 AS ok', {}, 'WRITE');
    expect(row).toEqual({ ok: 1 });
  });

  it('returns a helix-bookmark on a mutation; sending it back reads the write', async () => {
    const tag = `rw-${Date.now()}`;
    const mutation = await postGraphQL(http.base, `mutation { addTag(urn: "${CUSTOMERS}", tag: "${tag}") { urn } }`);
    expect(mutation.body.errors).toBeUndefined();
    const bookmark = mutation.headers.get('helix-bookmark');
    expect(bookmark).toMatch(/\S/);
    const read = await postGraphQL(http.base, `{ capsule(urn: "${CUSTOMERS}") { tags { name } } }`, {}, { 'helix-bookmark': bookmark! });
    expect(read.body.errors).toBeUndefined();
    expect((read.body.data!.capsule as { tags: Array<{ name: string }> }).tags.map((t) => t.name)).toContain(tag);
    // A query writes nothing: no bookmark in its answer.
    expect(read.headers.get('helix-bookmark')).toBeNull();
  });

  it('refuses a forged bookmark with BAD_USER_INPUT, not a 500', async () => {
    const read = await postGraphQL(http.base, `{ capsule(urn: "${CUSTOMERS}") { urn } }`, {}, { 'helix-bookmark': 'not-a-bookmark' });
    expect(read.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('takes the database name from NEO4J_DATABASE (an unknown one is refused at start, by name)', async () => {
    await expect(openTestHelix({ NEO4J_URI: routed, NEO4J_DATABASE: 'nosuchdb' })).rejects.toThrow(/nosuchdb/);
  });
});
