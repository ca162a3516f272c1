// Seeds the fallback part of a bio ingestion's gene index: genes without an HGNC id, under the ids they were named by.
MATCH (g:Gene)
WHERE g.urn STARTS WITH 'urn:gene:'
RETURN g.urn AS urn, g.symbol AS symbol, g.ensemblGeneId AS ensemblGeneId, g.entrezId AS entrezId, g.taxonId AS taxonId
ORDER BY g.firstSeenAt, g.urn
