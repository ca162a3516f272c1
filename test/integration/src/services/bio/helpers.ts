import { expect } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { bioRunner } from '../../../../../src/ingestion/bio.js';
import { fixturePath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { graphqlClient, strictClient, type GqlResponse } from '../../../../support/graphql-client.js';

export { captureCounters, graphqlClient, strictClient, type GqlResponse } from '../../../../support/graphql-client.js';

/** The error codes of a response (fails when the response has no errors). */
export async function errorCodes(p: Promise<GqlResponse>): Promise<string[]> {
  const r = await p;
  if (!r.errors?.length) throw new Error(`expected errors, got ${JSON.stringify(r.data)}`);
  return r.errors.map((e) => String(e.extensions?.code));
}

/** Raw Cypher for independent checks. */
export async function cypher(helix: HelixContext, text: string, params: Record<string, unknown> = {}) {
  return helix.exec.runText(text, params, 'READ');
}

/** Every page of a connection, following endCursor. */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<{ nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>) {
  const out: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await fetchPage(after);
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}

/** A file's graph: the bio fixtures through the bio ingester into an empty graph, with a strict and a raw client. */
export async function openBioGraph() {
  const helix = await openTestHelix();
  await resetGraph(helix);
  const report = await bioRunner('bio', undefined)(helix.exec, fixturePath('bio'), {});
  expect(report.status).toBe('completed');
  return { helix, gql: strictClient(helix), raw: graphqlClient(helix) };
}
