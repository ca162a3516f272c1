// The last completed evaluations that covered a namespace ($namespace null: of any namespace), newest first.
MATCH (e:ConformanceEvaluation {status: 'completed'})
WHERE $namespace IS NULL OR e.namespace = $namespace OR e.namespace IS NULL
RETURN e.id AS id, toString(e.finishedAt) AS at
ORDER BY e.finishedAt DESC LIMIT toInteger($limit)
