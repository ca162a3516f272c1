MATCH (v:Violation)
WHERE ($namespace IS NULL OR v.namespace = $namespace)
  AND ($rule IS NULL OR v.ruleId = $rule)
  AND ($severity IS NULL OR v.severity = $severity)
  AND ($status IS NULL OR v.status = $status)
  AND ($category IS NULL OR v.category = $category)
  AND ($subject IS NULL OR v.subjectUrn = $subject)
RETURN count(v) AS total
