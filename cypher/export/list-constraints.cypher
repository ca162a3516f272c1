// The constraints of the database, as statements that recreate them (a Cypher export starts with them).
SHOW CONSTRAINTS YIELD name, createStatement
RETURN name, createStatement
ORDER BY name
