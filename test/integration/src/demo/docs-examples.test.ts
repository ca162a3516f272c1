import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { loadTypeDefs } from '../../../../src/graphql/schema.js';
import { projectRoot } from '../../../../src/project-root.js';
import { docExamples, emptyFields } from '../../../support/docs-examples.js';
import { graphqlClient } from '../../../support/graphql-client.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

/**
 * Every GraphQL example of README.md and docs/*.md runs against the demo graph (`npm start`): queries return no
 * errors and no empty top-level field; subscriptions and mutations (which would change the demo or wait for
 * events) are validated against the schema.
 */
const examples = docExamples(projectRoot());
// Built by this module's own graphql (the executable schema may come from another copy of the module).
const schema = buildSchema(loadTypeDefs().join('\n'));
let helix: HelixContext;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  await loadDemoGraph(helix.exec, { force: true });
  gql = graphqlClient(helix);
});
afterAll(async () => helix?.close());

describe('docs examples against the demo graph', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  it('skips loading the demo when the graph already holds it (same files, same ingestion code)', async () => {
    const again = await loadDemoGraph(helix.exec);
    expect(again).toMatchObject({ skipped: true, nodes: 0 });
  });

  for (const ex of examples) {
    it(`${ex.file}:${ex.line}`, async () => {
      const doc = parse(ex.source);
      expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
      const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      if (ops.some((o) => o.operation !== 'query')) return;
      const res = await gql(ex.source);
      expect(res.errors ?? []).toEqual([]);
      expect(emptyFields(res.data)).toEqual([]);
    });
  }
});
