// PII findings of many columns at once (Column.pii, batched per request), most certain origin first.
UNWIND $urns AS u
OPTIONAL MATCH (f:PiiFinding {column: u})
WITH u, f
ORDER BY CASE f.origin WHEN 'DECLARED' THEN 0 WHEN 'DETECTED' THEN 1 ELSE 2 END, f.category
RETURN u AS key, [x IN collect(f) | properties(x)] AS findings
