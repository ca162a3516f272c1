import type { SyntheticGraph } from '../../../../../bench/lineage-graph.js';

/**
 * The documented queries (docs/api.md, README, the questions of the peer benchmark) adapted to the small synthetic
 * graph of documented-answers.test.ts: their answers are stored (documented-answers.json, produced by the code
 * before the serving-speed work) and must stay identical whatever the resolvers plan.
 */
export function documentedQueries(g: SyntheticGraph): Array<{ name: string; query: string; variables: Record<string, unknown> }> {
  const models = g.nodes.filter((n) => n.labels.includes('Model'));
  const withParents = new Set(g.flows.map(([, down]) => down));
  const deep = models.filter((m) => withParents.has(m.urn));
  const model = deep[Math.floor(deep.length / 2)]!.urn;
  const lastModel = deep[deep.length - 1]!.urn;
  const source = g.nodes.find((n) => n.labels.includes('Source'))!.urn;
  const namespace = String(models[0]!.props.namespace);
  const column = `${model}#id`;
  const nested = 'urn name tags { urn name } tests { urn name } columns { urn name tags { urn name } tests { urn name } } upstream { urn name }';
  return [
    {
      name: 'api.md capsule + column',
      query: `query($urn: ID!, $col: ID!) {
        capsule(urn: $urn) {
          name type description materialization layer tagNames meta
          columns { name dataType tests { name } tags { name } upstream(depth: 2) { urn } }
          tags { name } owners { name } domain { name } dataProducts { name }
          tests { name results(first: 3) { status invocation { command } } }
          upstream(depth: 2, first: 100) { urn name }
          ... on Model { deprecationDate }
        }
        column(urn: $col) { name capsule { name } }
      }`,
      variables: { urn: model, col: column },
    },
    {
      name: 'api.md lineage',
      query: `query($urn: ID!) {
        lineage(urn: $urn, direction: BOTH, depth: 3, level: TABLE, filter: { excludeTypes: [Seed] }, limit: 500) {
          root depth limit truncated truncatedFrontier
          nodes { urn type name namespace layer distance direction node { ... on Model { materialization } } }
          edges { from to type transformation via }
        }
      }`,
      variables: { urn: model },
    },
    {
      name: 'api.md impact',
      query: `query($urn: ID!) {
        impact(urn: $urn, level: TABLE) {
          total truncated testsAffected
          byType { key count } byNamespace { key count } byDomain { key name count } byDataProduct { key name count }
          owners { key name count } exposures { urn name }
          affected(first: 50, after: null) { totalCount edges { cursor node { urn type distance } } pageInfo { hasNextPage endCursor } }
        }
      }`,
      variables: { urn: source },
    },
    {
      name: 'lineage nodes only, small limit (truncated frontier)',
      query: `query($urn: ID!) { lineage(urn: $urn, direction: UPSTREAM, limit: 4) { truncated nodes { distance } } }`,
      variables: { urn: lastModel },
    },
    {
      name: 'column lineage',
      query: `query($urn: ID!) { lineage(urn: $urn, level: COLUMN, depth: 4) { nodes { urn type capsuleUrn distance direction } edges { from to type transformation via } } }`,
      variables: { urn: column },
    },
    { name: 'peer Q1', query: `query($ns: String!) { capsules(filter: {namespace: $ns, type: Model}, first: 10) { nodes { ${nested} } } }`, variables: { ns: namespace } },
    { name: 'peer Q2', query: `query($ns: String!) { capsules(filter: {namespace: $ns, type: Model}, first: 50) { nodes { ${nested} } } }`, variables: { ns: namespace } },
    { name: 'peer Q3 depth 3', query: `query($urn: ID!) { lineage(urn: $urn, direction: UPSTREAM, depth: 3) { nodes { urn } } }`, variables: { urn: lastModel } },
    { name: 'peer Q3 depth 10', query: `query($urn: ID!) { lineage(urn: $urn, direction: UPSTREAM, depth: 10) { nodes { urn } } }`, variables: { urn: lastModel } },
    { name: 'peer Q4', query: `query($urn: ID!) { capsule(urn: $urn) { urn name layer } }`, variables: { urn: model } },
    {
      name: 'capsules page with totalCount and cursor',
      query: `query($ns: String!) { capsules(filter: {namespace: $ns}, first: 7) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { urn type name layer owners { name } domain { name } downstream(depth: 2) { urn } } } } }`,
      variables: { ns: namespace },
    },
    {
      name: 'capsules second page',
      query: `query($ns: String!) { a: capsules(filter: {namespace: $ns}, first: 3) { pageInfo { endCursor } } }`,
      variables: { ns: namespace },
    },
    {
      name: 'capsules by tag, layer, hasTests',
      query: `{ t: capsules(filter: {tag: "pii"}, first: 5) { totalCount nodes { urn tagNames tags { name } } }
               l: capsules(filter: {layer: "marts", hasTests: true}, first: 5) { totalCount nodes { urn layer tests { name } } }
               m: capsules(filter: {type: Source, materialization: "table"}, first: 5) { totalCount nodes { urn } } }`,
      variables: {},
    },
    {
      name: 'columns nested with capsule and lineage',
      query: `query($urn: ID!) { capsule(urn: $urn) { columns { urn name index dataType capsule { urn } upstream { urn } downstream(depth: 2) { urn } } } }`,
      variables: { urn: model },
    },
    {
      name: 'node and nodes',
      query: `query($a: ID!, $b: ID!) { node(id: $a) { id type ... on Model { name } } nodes(ids: [$a, $b, "urn:none"]) { id type } }`,
      variables: { a: model, b: column },
    },
    {
      name: 'lineagePath',
      query: `query($from: ID!, $to: ID!) { lineagePath(from: $from, to: $to, k: 2) { direction length nodes { urn distance } edges { from to type } } }`,
      variables: { from: g.flows[0]![0], to: g.flows[0]![1] },
    },
    {
      name: 'search',
      query: `{ search(text: "stg", types: ["Model"], first: 5) { edges { node { id type } exactMatch } pageInfo { hasNextPage } } }`,
      variables: {},
    },
  ];
}
