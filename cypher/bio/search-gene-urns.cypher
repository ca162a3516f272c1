// Candidates of the genes(filter: {text}) filter: the best $window gene hits of $lucene.
CALL db.index.fulltext.queryNodes('helix_search', $lucene) YIELD node
WHERE node:Gene
RETURN node.urn AS urn
LIMIT toInteger($window)
