// One ranked full-text index over what people search for: names, descriptions, column names, gene symbols.
CREATE FULLTEXT INDEX helix_search IF NOT EXISTS
FOR (n:Capsule|Column|Test|Gene|Protein|Job|Dataset|Tag|Owner|Domain|DataProduct)
ON EACH [n.name, n.description, n.symbol, n.uniqueId, n.relationName, n.accession, n.proteinName]
