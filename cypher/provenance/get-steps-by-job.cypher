// The steps of each job (HAS_STEP), by position.
UNWIND $urns AS key
MATCH (:Job {urn: key})-[x:HAS_STEP]->(s:Step)
WITH key, s, x ORDER BY coalesce(x.position, s.position), s.urn
RETURN key, collect({urn: s.urn, labels: labels(s), props: properties(s)}) AS nodes
