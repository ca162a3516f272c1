// Candidates of the capsules(filter: {text}) filter: the best $window capsule hits of $lucene.
CALL db.index.fulltext.queryNodes('helix_search', $lucene) YIELD node
WHERE node:Capsule
RETURN node.urn AS urn
LIMIT toInteger($window)
