// Open or acknowledged violations of a rule whose subject was evaluated and now passes (or no longer exists) are
// RESOLVED by helix. FALSE_POSITIVE stays. $subjects null: every subject of the namespace was evaluated.
MATCH (v:Violation {ruleId: $ruleId})
WHERE v.status IN ['OPEN', 'ACKNOWLEDGED']
  AND coalesce(v.lastEvaluation, '') <> $evaluation
  AND ($namespace IS NULL OR v.namespace = $namespace)
  AND ($subjects IS NULL OR v.subjectUrn IN $subjects)
SET v.status = 'RESOLVED', v.resolvedAt = $at,
    v.historyStatus = v.historyStatus + 'RESOLVED', v.historyAt = v.historyAt + $at,
    v.historyBy = v.historyBy + 'helix',
    v.historyComment = v.historyComment + CASE WHEN EXISTS { (v)-[:CONCERNS]->() } THEN 'passes' ELSE 'subject removed' END
RETURN count(v) AS resolved
