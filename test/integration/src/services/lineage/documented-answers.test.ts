import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { graphqlClient } from '../../../../support/graphql-client.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { answersGraph } from './answers-graph.js';
import { documentedQueries } from './documented-queries.js';

const EXPECTED = path.join(path.dirname(fileURLToPath(import.meta.url)), 'documented-answers.json');

/**
 * Every documented query's answer on the same graph, compared with the answers the code gave before the
 * serving-speed work (stored in documented-answers.json; HELIX_UPDATE_ANSWERS=1 rewrites it, for a deliberate
 * change of an answer only). With and without the caches.
 */
describe('answers of the documented queries', () => {
  let helix: HelixContext;
  let uncached: HelixContext;
  const graph = answersGraph();
  const queries = documentedQueries(graph);

  beforeAll(async () => {
    helix = await openTestHelix();
    uncached = await openTestHelix({ HELIX_CACHE: 'off' });
    await resetGraph(helix);
    const dup = new Map(graph.nodes.map((n) => [n.urn, n]));
    await writeGraph(helix.exec, { nodes: [...dup.values()], edges: graph.edges, issues: [] }, { scope: 'test:answers', deleteMissing: false });
  });
  afterAll(async () => {
    await uncached?.close();
    await helix?.close();
  });

  it('are the stored ones, cached and uncached', async () => {
    const answers: Record<string, unknown> = {};
    for (const h of [uncached, helix, helix]) {
      const gql = graphqlClient(h);
      for (const q of queries) answers[q.name] = await gql(q.query, q.variables);
      if (process.env.HELIX_UPDATE_ANSWERS === '1' || !existsSync(EXPECTED)) writeFileSync(EXPECTED, `${JSON.stringify(answers, null, 1)}\n`);
      const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, unknown>;
      for (const q of queries) expect({ [q.name]: answers[q.name] }).toEqual({ [q.name]: expected[q.name] });
    }
    for (const q of queries) expect(JSON.stringify(answers[q.name]), q.name).not.toContain('"errors"');
  }, 300_000);
});
