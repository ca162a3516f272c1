// Creates a data product. A plain CREATE: the urn uniqueness constraint refuses a duplicate (and with it the whole
// transaction) should two requests race.
CREATE (p:Node:DataProduct {urn: $urn, name: $name, createdBy: 'api', createdAt: datetime(), firstSeenAt: datetime()})
SET p.description = $description
RETURN p.urn AS urn
