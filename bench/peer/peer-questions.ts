/**
 * The questions of issue #17, asked of Helix and of @neo4j/graphql in each one's own idiom, with what makes their
 * answers comparable (the same values in the same order, or the same set where order is not part of the question).
 */
export interface Question {
  id: string;
  label: string;
  helix: { query: string; variables: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  /** Both answers mapped to one comparable shape. */
  helixAnswer(data: Record<string, unknown>): unknown;
  peerAnswer(data: Record<string, unknown>): unknown;
}

type Json = Record<string, unknown>;
const NESTED_HELIX = 'urn name tags { urn name } tests { urn name } columns { urn name tags { urn name } tests { urn name } } upstream { urn name }';
const NESTED_PEER =
  'urn name tags(sort: [{name: ASC}, {urn: ASC}]) { urn name } tests(sort: [{name: ASC}, {urn: ASC}]) { urn name } ' +
  'columns(sort: [{index: ASC}, {name: ASC}, {urn: ASC}]) { urn name tags(sort: [{name: ASC}, {urn: ASC}]) { urn name } tests(sort: [{name: ASC}, {urn: ASC}]) { urn name } } ' +
  'upstream { urn name }';

function nestedModels(id: string, label: string, namespace: string, first: number): Question {
  return {
    id,
    label,
    helix: {
      query: `query ${id}($ns: String!, $first: Int!) { capsules(filter: {namespace: $ns, type: Model}, first: $first) { nodes { ${NESTED_HELIX} } } }`,
      variables: { ns: namespace, first },
    },
    peer: {
      query: `query ${id}($ns: String!, $first: Int!) { models(where: {namespace: {eq: $ns}}, limit: $first, sort: [{urn: ASC}]) { ${NESTED_PEER} } }`,
      variables: { ns: namespace, first },
    },
    helixAnswer: (d) => (d.capsules as { nodes: unknown[] }).nodes,
    peerAnswer: (d) => d.models,
  };
}

function upstreamUrns(id: string, label: string, urn: string, depth: 3 | 10): Question {
  return {
    id,
    label,
    helix: {
      query: `query ${id}($urn: ID!) { lineage(urn: $urn, direction: UPSTREAM, depth: ${depth}) { nodes { urn } } }`,
      variables: { urn },
    },
    peer: {
      query: `query ${id}($urn: String!) { models(where: {urn: {eq: $urn}}) { upstreamUrnsDepth${depth} } }`,
      variables: { urn },
    },
    helixAnswer: (d) => ((d.lineage as { nodes: Array<{ urn: string }> }).nodes.map((n) => n.urn) ?? []).sort(),
    peerAnswer: (d) => [...((d.models as Json[])[0]?.[`upstreamUrnsDepth${depth}`] as string[])].sort(),
  };
}

export interface QuestionInputs {
  /** A namespace with at least 50 models. */
  namespace: string;
  /** A model with a deep upstream (fewer than 500 nodes within 10 hops: Helix's default lineage limit). */
  lineageRoot: string;
  /** Any model. */
  model: string;
}

export function peerQuestions(i: QuestionInputs): Question[] {
  return [
    {
      id: 'Q0',
      label: '{ __typename }',
      helix: { query: '{ __typename }', variables: {} },
      peer: { query: '{ __typename }', variables: {} },
      helixAnswer: () => 'Query',
      peerAnswer: () => 'Query',
    },
    nestedModels('Q1', 'Q1: 10 models of a namespace → tags, tests, columns → tags, tests; upstream depth 1', i.namespace, 10),
    nestedModels('Q2', 'Q2: the same for 50 models', i.namespace, 50),
    upstreamUrns('Q3d3', 'Q3: upstream lineage, depth 3, node urns', i.lineageRoot, 3),
    upstreamUrns('Q3d10', 'Q3: upstream lineage, depth 10, node urns', i.lineageRoot, 10),
    {
      id: 'Q4',
      label: 'Q4: one model by urn (urn, name, layer)',
      helix: { query: 'query Q4($urn: ID!) { capsule(urn: $urn) { urn name layer } }', variables: { urn: i.model } },
      peer: { query: 'query Q4($urn: String!) { models(where: {urn: {eq: $urn}}) { urn name layer } }', variables: { urn: i.model } },
      helixAnswer: (d) => [d.capsule],
      peerAnswer: (d) => d.models,
    },
  ];
}
