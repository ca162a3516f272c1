// The nodes of a lineage or provenance answer ($urns) that an export keeps: of $types (null: any), Ingestion
// records only when $internal. Sorted, so the export pages through them in urn order.
UNWIND $urns AS u
MATCH (n:Node {urn: u})
WHERE ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($internal OR NOT n:Ingestion)
RETURN DISTINCT n.urn AS urn
ORDER BY urn
