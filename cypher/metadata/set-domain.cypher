// Puts a capsule or data product in one domain, or in none when $domainUrn is null.
MATCH (n:Node {urn: $urn})
WHERE n:Capsule OR n:DataProduct
OPTIONAL MATCH (n)-[old:IN_DOMAIN]->()
DELETE old
WITH DISTINCT n
CALL (n) {
  WITH n WHERE $domainUrn IS NOT NULL
  MERGE (d:Node {urn: $domainUrn})
  ON CREATE SET d.name = $domainName, d.createdBy = 'api', d.firstSeenAt = datetime()
  SET d:Domain
  MERGE (n)-[r:IN_DOMAIN]->(d)
  ON CREATE SET r.source = 'api', r.createdAt = datetime()
}
RETURN n.urn AS urn
