// Takes capsules out of a data product.
MATCH (p:DataProduct {urn: $urn})
CALL (p) {
  UNWIND $capsules AS c
  MATCH (:Capsule {urn: c})-[r:PART_OF]->(p)
  DELETE r
}
RETURN p.urn AS urn
