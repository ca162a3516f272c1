// The property keys and value types of the whole graph from Neo4j's own schema scan (db.schema.*TypeProperties: a
// store scan without Cypher's per-value work, 5-10x faster than list-node-property-types on 1M elements). Used for
// an export of everything, where the graph's keys are the export's; keys seen only on excluded nodes are declared
// but unused, which GraphML allows.
CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes
WITH nodeLabels, propertyName, propertyTypes
WHERE propertyName IS NOT NULL AND ($internal OR 'Node' IN nodeLabels)
RETURN 'node' AS element, propertyName AS key, propertyTypes AS types
UNION ALL
CALL db.schema.relTypeProperties() YIELD propertyName, propertyTypes
WITH propertyName, propertyTypes
WHERE propertyName IS NOT NULL
RETURN 'edge' AS element, propertyName AS key, propertyTypes AS types
