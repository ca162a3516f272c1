// How many of Helix's bookkeeping nodes outside the :Node graph an --internal export adds.
MATCH (n)
WHERE NOT n:Node AND NOT n:NodeVersion AND NOT n:EdgeVersion
RETURN count(n) AS nodes
