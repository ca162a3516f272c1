// The last completed evaluations of exactly this namespace (null: of all namespaces), newest first.
MATCH (e:ConformanceEvaluation {status: 'completed'})
WHERE e.namespace = $namespace OR (e.namespace IS NULL AND $namespace IS NULL)
RETURN e.id AS id, e.namespace AS namespace, toString(e.finishedAt) AS at, e.score AS score,
       e.evaluated AS evaluated, e.failed AS failed
ORDER BY e.finishedAt DESC LIMIT toInteger($limit)
