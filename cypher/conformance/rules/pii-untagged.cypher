// Rule pii.untagged (pii, warning, scope column): a column Helix found to hold personal data (DETECTED from its
// name/type/description, or PROPAGATED along column lineage) that carries no pii declaration (tag or meta; a
// declared column has a DECLARED finding). Reads the findings refreshPii wrote. Pseudonymous findings (`email_hash`)
// fail only with $params.includePseudonymous = true; $params.categories (list) restricts the categories.
// Returns one row per failing column: subject, message, evidence (column urns of the finding's path, origin first).
MATCH (f:PiiFinding)-[:FLAGS]->(c:Column)
WHERE f.origin IN ['DETECTED', 'PROPAGATED']
  AND ($namespace IS NULL OR f.namespace = $namespace)
  AND ($subjects IS NULL OR c.urn IN $subjects)
  AND (coalesce($params.includePseudonymous, false) OR NOT coalesce(f.pseudonymous, false))
  AND ($params.categories IS NULL OR f.category IN $params.categories)
  AND NOT EXISTS { (:PiiFinding {origin: 'DECLARED'})-[:FLAGS]->(c) }
WITH c, f
ORDER BY c.urn, CASE f.origin WHEN 'DETECTED' THEN 0 ELSE 1 END, f.category
WITH c, collect(f) AS findings
WITH c, findings, findings[0] AS first
RETURN c.urn AS subject,
  'column ' + coalesce(c.name, c.urn) + ' holds personal data (' +
    reduce(s = '', x IN findings | s + CASE WHEN s = '' THEN '' ELSE ', ' END + x.category + ' ' + toLower(x.origin)) +
    ') but has no pii tag or meta' AS message,
  first.evidence AS evidence
