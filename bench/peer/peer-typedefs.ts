/**
 * The Neo4j GraphQL Library's view of the same graph, written as its users would: `Model` with labels Model+Capsule
 * (so it uses the same indexes), relationships as @relationship fields, lineage as @cypher fields (variable-length
 * FLOWS_TO + DISTINCT: a bound in a pattern cannot be a parameter, hence one field per depth).
 */
export const peerTypeDefs = /* GraphQL */ `
  type Model @node(labels: ["Model", "Capsule"]) {
    urn: String!
    name: String
    layer: String
    namespace: String
    tags: [Tag!]! @relationship(type: "TAGGED_WITH", direction: OUT)
    tests: [Test!]! @relationship(type: "TESTS", direction: IN)
    columns: [Column!]! @relationship(type: "HAS_COLUMN", direction: OUT)
    upstream: [CapsuleRef!]!
      @cypher(statement: "MATCH (this)<-[:FLOWS_TO]-(u:Capsule) RETURN u ORDER BY u.urn", columnName: "u")
    upstreamUrnsDepth3: [String!]!
      @cypher(statement: "MATCH (this)<-[:FLOWS_TO*0..3]-(u:Capsule) RETURN DISTINCT u.urn AS urn", columnName: "urn")
    upstreamUrnsDepth10: [String!]!
      @cypher(statement: "MATCH (this)<-[:FLOWS_TO*0..10]-(u:Capsule) RETURN DISTINCT u.urn AS urn", columnName: "urn")
  }

  type Column @node {
    urn: String!
    name: String
    index: Int
    tags: [Tag!]! @relationship(type: "TAGGED_WITH", direction: OUT)
    tests: [Test!]! @relationship(type: "TESTS", direction: IN)
  }

  type Tag @node {
    urn: String!
    name: String
  }

  type Test @node {
    urn: String!
    name: String
  }

  type CapsuleRef @node(labels: ["Capsule"]) {
    urn: String!
    name: String
  }
`;
