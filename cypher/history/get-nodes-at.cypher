// Nodes as they were at $at: the closed version that was current then, else the live node if it existed then.
UNWIND $urns AS u
CALL (u) {
  OPTIONAL MATCH (v:NodeVersion {urn: u})
  WHERE (v.versionFromAt IS NULL OR v.versionFromAt <= datetime($at)) AND datetime($at) < v.versionToAt
  WITH v ORDER BY v.versionToAt
  RETURN head(collect(v)) AS v
}
OPTIONAL MATCH (n:Node {urn: u})
WHERE v IS NULL AND (n.firstSeenAt IS NULL OR n.firstSeenAt <= datetime($at))
WITH u, v, n
WHERE v IS NOT NULL OR n IS NOT NULL
RETURN u AS urn,
       CASE WHEN v IS NOT NULL THEN v.versionLabels ELSE [l IN labels(n) WHERE l <> 'Node'] END AS labels,
       CASE WHEN v IS NOT NULL THEN properties(v) ELSE properties(n) END AS props
