// The nodes of a scope with one of $labels as they were at $at (content hash only; get-nodes-at reads content).
CALL () {
  MATCH (v:NodeVersion {versionScope: $scope})
  WHERE (v.versionFromAt IS NULL OR v.versionFromAt <= datetime($at)) AND datetime($at) < v.versionToAt
  RETURN v.urn AS urn, v.versionLabels AS labels, v.contentHash AS hash, 0 AS rank
  UNION ALL
  MATCH (n:Node {ingestScope: $scope})
  WHERE n.firstSeenAt IS NULL OR n.firstSeenAt <= datetime($at)
  RETURN n.urn AS urn, [l IN labels(n) WHERE l <> 'Node'] AS labels, n.contentHash AS hash, 1 AS rank
}
WITH urn, labels, hash, rank
WHERE any(l IN labels WHERE l IN $labels)
WITH urn, labels, hash ORDER BY urn, rank
WITH urn, head(collect({labels: labels, hash: hash})) AS x
RETURN urn, x.labels AS labels, x.hash AS hash
