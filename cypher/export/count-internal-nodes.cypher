// How many of Helix's bookkeeping nodes outside the :Node graph an --internal export adds.
MATCH (n)
WHERE NOT n:Node
RETURN count(n) AS nodes
