MATCH (e:ConformanceEvaluation {urn: $urn})
SET e.status = $status, e.finishedAt = datetime(), e.durationMs = $durationMs, e.error = $error,
    e.reportJson = $reportJson, e.evaluated = $evaluated, e.failed = $failed, e.score = $score,
    e.violations = $violations, e.touched = $touched
RETURN e.id AS id
