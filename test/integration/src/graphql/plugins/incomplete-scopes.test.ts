import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { incompleteScopesNotice } from '../../../../../src/graphql/plugins/incomplete-scopes.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { postGraphQL, startTestServer, waitUntil } from '../../../../support/http-server.js';

// Partial writes are marked in answers (issue #16): while the latest ingestion of a scope has not completed, every
// GraphQL response says so in `extensions.incompleteScopes`.
let helix: HelixContext;
let http: Awaited<ReturnType<typeof startTestServer>>;

const record = (id: string, status: string, startedAt: string) =>
  helix.exec.runText(
    `CREATE (:Node:Ingestion {urn: 'urn:helix:ingestion:' + $id, id: $id, kind: 'dbt', scope: 'dbt:partial_ns', status: $status,
       startedAt: datetime($startedAt)})`,
    { id, status, startedAt },
    'WRITE',
    { op: 'test ingestion record' },
  );

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  http = await startTestServer(helix);
}, 120_000);

afterAll(async () => {
  await http?.close();
  await helix?.close();
});

describe('answers read while a scope holds a partial write', () => {
  it('carry extensions.incompleteScopes until an ingestion of the scope completes, cached answers included', async () => {
    const plain = await postGraphQL(http.base, '{ graphInfo { graphVersion } }');
    expect(plain.body).not.toHaveProperty('extensions.incompleteScopes');

    await record('mark-1', 'failed', '2026-12-06T10:00:00Z');
    let answer = plain;
    await waitUntil(async () => {
      answer = await postGraphQL(http.base, '{ search(text: "nothing-here", first: 1) { totalCount } }');
      return answer.body !== undefined && 'extensions' in answer.body;
    }, 10_000);
    expect((answer.body as { extensions?: unknown }).extensions).toEqual({
      incompleteScopes: [{ scope: 'dbt:partial_ns', ingestionId: 'mark-1', status: 'failed', error: null }],
    });
    // The same question again (answered from the response cache) is marked too.
    const again = await postGraphQL(http.base, '{ search(text: "nothing-here", first: 1) { totalCount } }');
    expect((again.body as { extensions?: unknown }).extensions).toEqual((answer.body as { extensions?: unknown }).extensions);

    await record('mark-2', 'completed', '2026-12-06T11:00:00Z');
    await waitUntil(async () => !('extensions' in (await postGraphQL(http.base, '{ graphInfo { graphVersion } }')).body), 10_000);
  }, 60_000);
});

describe('the mark for a key limited to namespaces', () => {
  const scopes = [
    { scope: 'dbt:shop', ingestionId: 'a', status: 'running', error: null },
    { scope: 'dbt:other', ingestionId: 'b', status: 'failed', error: 'worker lost' },
    { scope: 'annotations:*', ingestionId: 'c', status: 'cancelled', error: 'cancelled' },
  ];
  const run = async (namespaces: string[] | null) => {
    const plugin = incompleteScopesNotice(async () => scopes, () => ({ kind: 'key', id: 'k', role: 'viewer', namespaces }));
    let out: unknown;
    await (plugin.onResultProcess as (p: unknown) => Promise<void>)({
      request: new Request('http://x/graphql'),
      result: { data: {} },
      setResult: (r: unknown) => (out = r),
    });
    return (out as { extensions?: { incompleteScopes?: unknown } } | undefined)?.extensions?.incompleteScopes;
  };

  it('names only its own namespaces; every scope for a key of every namespace', async () => {
    expect(await run(['shop'])).toEqual([scopes[0]]);
    expect(await run(['elsewhere'])).toBeUndefined();
    expect(await run(null)).toEqual(scopes);
  });
});
