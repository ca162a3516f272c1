// The aligned proteins or sequences of each alignment: role QUERY or REFERENCE, and `member` for further members
// of an n-sequence alignment.
UNWIND $urns AS key
MATCH (:Alignment {urn: key})-[r:QUERY|REFERENCE]->(s:Node)
WITH key, s, r ORDER BY type(r), coalesce(r.member, 0), s.urn
RETURN key, collect({urn: s.urn, labels: labels(s), props: properties(s), role: type(r), member: r.member}) AS nodes
