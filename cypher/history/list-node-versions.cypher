// Every version of a node, oldest first: the closed ones, then the live node (its current version), with the
// ingestions that started and ended each (an ingestion made a version when the version began while it ran).
CALL () {
  MATCH (v:NodeVersion {urn: $urn})
  RETURN properties(v) AS props, v.versionLabels AS labels, v.versionFromAt AS fromAt, v.versionToAt AS toAt,
         v.versionTo AS endedBy, v.versionEnd AS ended
  UNION ALL
  MATCH (n:Node {urn: $urn})
  RETURN properties(n) AS props, [l IN labels(n) WHERE l <> 'Node'] AS labels, coalesce(n.writtenAt, n.firstSeenAt) AS fromAt,
         null AS toAt, null AS endedBy, null AS ended
}
WITH props, labels, fromAt, toAt, endedBy, ended
OPTIONAL CALL (props, fromAt) {
  MATCH (i:Ingestion)
  WHERE i.scope = props.ingestScope AND i.startedAt <= fromAt AND (i.finishedAt IS NULL OR fromAt <= i.finishedAt)
  RETURN i.id AS madeBy, i.finishedAt AS madeAt ORDER BY i.startedAt DESC LIMIT 1
}
RETURN props, labels, fromAt, toAt, endedBy, ended, madeBy, madeAt
ORDER BY fromAt
