// Changes a data product's name and/or description; null parameters leave a property as it is.
MATCH (p:DataProduct {urn: $urn})
SET p.name = coalesce($name, p.name),
    p.description = CASE WHEN $clearDescription THEN null ELSE coalesce($description, p.description) END,
    p.updatedAt = datetime()
RETURN p.urn AS urn
