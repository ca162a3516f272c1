// Replaces the owners of a capsule or data product with one owner, or none when $ownerUrn is null.
MATCH (n:Node {urn: $urn})
WHERE n:Capsule OR n:DataProduct
OPTIONAL MATCH (n)-[old:OWNED_BY]->()
DELETE old
WITH DISTINCT n
CALL (n) {
  WITH n WHERE $ownerUrn IS NOT NULL
  MERGE (o:Node {urn: $ownerUrn})
  ON CREATE SET o.name = $ownerName, o.email = $ownerEmail, o.createdBy = 'api', o.firstSeenAt = datetime()
  SET o:Owner
  MERGE (n)-[r:OWNED_BY]->(o)
  ON CREATE SET r.source = 'api', r.createdAt = datetime()
}
RETURN n.urn AS urn
