// Removes a tag from a capsule or column (whoever added it); the shared Tag node stays.
MATCH (n:Node {urn: $urn})
WHERE n:Capsule OR n:Column
OPTIONAL MATCH (n)-[r:TAGGED_WITH]->(:Node {urn: $tagUrn})
DELETE r
RETURN DISTINCT n.urn AS urn
