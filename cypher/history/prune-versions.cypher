// HELIX_HISTORY_DAYS: versions (and closed elements) that ended before $before are forgotten.
CALL () {
  MATCH (v:NodeVersion) WHERE v.versionToAt < datetime($before)
  DELETE v
  RETURN count(*) AS nodes
}
CALL () {
  MATCH (e:EdgeVersion) WHERE e.versionToAt < datetime($before)
  DELETE e
  RETURN count(*) AS edges
}
RETURN nodes, edges
