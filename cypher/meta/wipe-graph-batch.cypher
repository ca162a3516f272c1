// Deletes up to $limit nodes (tests and `helix reset`); repeated until it returns 0.
MATCH (n)
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS deleted
