// The job each step belongs to (HAS_STEP reversed).
UNWIND $urns AS key
MATCH (j:Job)-[:HAS_STEP]->(:Step {urn: key})
RETURN key, collect({urn: j.urn, labels: labels(j), props: properties(j)}) AS nodes
