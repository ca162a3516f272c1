// Status histories of the violations of the given rules concerning the given subjects (null: all in the namespace).
MATCH (v:Violation)
WHERE v.ruleId IN $ruleIds AND ($namespace IS NULL OR v.namespace = $namespace)
  AND ($subjects IS NULL OR v.subjectUrn IN $subjects)
RETURN v.ruleId AS rule, v.historyStatus AS statuses, v.historyAt AS ats
