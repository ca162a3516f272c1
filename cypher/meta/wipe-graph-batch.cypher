// Deletes up to $limit nodes (tests' resetGraph, benches); repeated until it returns 0.
// The records of the schema (HelixMigration, HelixMeta 'schema') and of the start-up query check (HelixMeta
// 'query-check') stay, like the schema itself: they describe the database and the cypher/ files, not the graph, and
// stay true. Wiping them made the next start re-apply every migration and re-plan every query (a full EXPLAIN pass,
// 30-90 s on a loaded 2-core machine, paid by each test server started after a reset).
MATCH (n)
WHERE NOT n:HelixMigration AND NOT (n:HelixMeta AND n.id IN ['schema', 'query-check'])
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS deleted
