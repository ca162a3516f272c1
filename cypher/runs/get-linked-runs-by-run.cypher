// Runs linked to each run: its parent (CHILD_OF, role PARENT), children (role CHILD), the run a step run is part of
// (PART_OF_RUN, role RUN), the runs it was informed by (WAS_INFORMED_BY, role INFORMED_BY) and those it informed
// (role INFORMED).
UNWIND $urns AS key
MATCH (r:Run {urn: key})
CALL (r) {
  MATCH (r)-[x:CHILD_OF]->(o:Run) RETURN o, 'PARENT' AS role, properties(x) AS rel
  UNION
  MATCH (r)<-[x:CHILD_OF]-(o:Run) RETURN o, 'CHILD' AS role, properties(x) AS rel
  UNION
  MATCH (r)-[x:PART_OF_RUN]->(o:Run) RETURN o, 'RUN' AS role, properties(x) AS rel
  UNION
  MATCH (r)-[x:WAS_INFORMED_BY]->(o:Run) RETURN o, 'INFORMED_BY' AS role, properties(x) AS rel
  UNION
  MATCH (r)<-[x:WAS_INFORMED_BY]-(o:Run) RETURN o, 'INFORMED' AS role, properties(x) AS rel
}
WITH key, o, role, rel ORDER BY role, coalesce(o.startedAt, ''), o.urn
RETURN key, collect({urn: o.urn, labels: labels(o), props: properties(o), role: role, rel: rel}) AS nodes
