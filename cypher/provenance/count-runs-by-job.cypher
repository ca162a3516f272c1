// How many runs each job or step has (INSTANCE_OF).
UNWIND $urns AS key
OPTIONAL MATCH (r:Run)-[:INSTANCE_OF]->(:Node {urn: key})
RETURN key, count(r) AS runs
