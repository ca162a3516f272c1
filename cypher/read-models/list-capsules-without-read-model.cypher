// One page (urn order, keyset urn > $after) of the capsules without a read model of the current $format
// (src/db/read-models.ts): what `helix migrate` and start-up build, batch by batch.
MATCH (n:Capsule)
WHERE n.urn > $after
  AND NOT EXISTS { MATCH (m:CapsuleReadModel {urn: n.urn}) WHERE m.format = $format }
WITH n ORDER BY n.urn LIMIT toInteger($first)
RETURN n.urn AS urn
