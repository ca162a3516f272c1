/** The GraphQL the explorer sends: each a public API anyone can also call (docs/api.md). */

/** Any node's display name, whatever its type (aliases: `name` is String! on some types, String on others). */
export const NAME_FIELDS = `
  ... on Capsule { capsuleName: name namespace }
  ... on Column { columnName: name capsule { urn capsuleName: name } }
  ... on Gene { symbol geneName: name }
  ... on Protein { accession proteinName }
  ... on Activity { runName: name status }
  ... on Job { jobName: name }
  ... on Dataset { datasetName: name }
  ... on File { fileName: name }
`;

export const SEARCH = `query ExplorerSearch($text: String!) {
  search(text: $text, first: 25) { edges { node { urn type ${NAME_FIELDS} } } }
}`;

const LINEAGE_NODE = 'urn type name namespace layer capsuleUrn distance direction';

export const LINEAGE = `query ExplorerLineage($urn: ID!, $direction: LineageDirection, $depth: Int, $level: LineageLevel, $limit: Int) {
  lineage(urn: $urn, direction: $direction, depth: $depth, level: $level, limit: $limit) {
    root depth truncated truncatedFrontier
    nodes { ${LINEAGE_NODE} }
    edges { from to type }
  }
}`;

export const PROVENANCE = `query ExplorerProvenance($urn: ID!, $direction: ProvenanceDirection, $depth: Int, $limit: Int) {
  provenance(urn: $urn, direction: $direction, depth: $depth, limit: $limit) {
    root depth truncated
    nodes { urn type name namespace kind status distance }
    edges { from to type }
  }
}`;

export const PATH = `query ExplorerPath($from: ID!, $to: ID!, $level: LineageLevel) {
  lineagePath(from: $from, to: $to, level: $level) {
    direction length
    nodes { ${LINEAGE_NODE} }
    edges { from to type }
  }
}`;

export const IMPACT = `query ExplorerImpact($urn: ID!, $level: LineageLevel) {
  impact(urn: $urn, level: $level) {
    total truncated testsAffected
    byType { key count }
    owners { key name count }
    exposures { urn name }
  }
}`;

const TEST_FIELDS = 'urn name testName severity results(first: 1) { status failures completedAt message }';

export const DETAILS = `query ExplorerDetails($urn: ID!) {
  node(id: $urn) {
    urn type ${NAME_FIELDS}
    ... on Capsule {
      description resourceType layer materialization physicalName tagNames
      owners { urn name email }
      columns { urn name dataType description tests { ${TEST_FIELDS} } }
      tests { ${TEST_FIELDS} }
      runResults(first: 5) { status completedAt executionTime invocation { urn invocationId command } }
    }
    ... on Column { columnDescription: description dataType tagNames tests { ${TEST_FIELDS} } }
    ... on Dataset { datasetDescription: description physicalName
      datasetColumns: columns { urn name dataType }
      generatedBy(first: 5) { urn runName: name status startedAt } }
    ... on File { path sizeBytes generatedBy(first: 5) { urn runName: name status startedAt } }
    ... on Gene { hgncId location locusType geneStatus: status aliasSymbols
      proteins { accession proteinName length reviewed } }
    ... on Protein { entryName organism length reviewed genes { urn symbol hgncId } }
    ... on Activity { kind rawStatus startedAt endedAt durationMs
      job { urn jobName: name }
      inputs { urn type artifactName: name }
      outputs { urn type artifactName: name } }
    ... on Job { jobKind: kind jobDescription: description runCount }
    ... on GenericNode { labels properties }
  }
}`;
