// Tags a capsule or column; the Tag node is shared (urn:tag:<name>) and created when missing.
MATCH (n:Node {urn: $urn})
WHERE n:Capsule OR n:Column
MERGE (t:Node {urn: $tagUrn})
ON CREATE SET t.name = $tag, t.createdBy = 'api', t.firstSeenAt = datetime()
SET t:Tag
MERGE (n)-[r:TAGGED_WITH]->(t)
ON CREATE SET r.source = 'api', r.createdAt = datetime()
RETURN n.urn AS urn
