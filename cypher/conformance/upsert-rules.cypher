// The rules of an evaluation, as graph nodes violations point at (metadata is the latest evaluation's).
UNWIND $rules AS r
MERGE (n:Node {urn: r.urn})
ON CREATE SET n:Rule, n.firstSeenAt = datetime()
SET n += r, n:Rule
RETURN count(n) AS rules
