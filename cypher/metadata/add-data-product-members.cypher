// Makes capsules part of a data product (idempotent).
MATCH (p:DataProduct {urn: $urn})
CALL (p) {
  UNWIND $capsules AS c
  MATCH (k:Capsule {urn: c})
  MERGE (k)-[r:PART_OF]->(p)
  ON CREATE SET r.source = 'api', r.createdAt = datetime()
}
RETURN p.urn AS urn
