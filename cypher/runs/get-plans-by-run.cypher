// What each run executed (INSTANCE_OF): its Job, or for a step run its Step.
UNWIND $urns AS key
MATCH (:Run {urn: key})-[:INSTANCE_OF]->(p:Node)
WITH key, p ORDER BY p.urn
RETURN key, collect({urn: p.urn, labels: labels(p), props: properties(p)}) AS nodes
