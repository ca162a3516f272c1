// Seeds the Ensembl/Entrez/symbol → HGNC index of a bio ingestion with the genes already in the graph.
MATCH (g:Gene)
WHERE g.urn STARTS WITH 'HGNC:' AND coalesce(g.status, 'Approved') = 'Approved' AND g.reference IS NULL
RETURN g.urn AS hgncId, g.symbol AS symbol, g.ensemblGeneId AS ensemblGeneId, g.entrezId AS entrezId
