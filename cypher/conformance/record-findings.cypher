// Failing subjects of one rule: a Violation per (rule, subject), created OPEN; a RESOLVED one fails again and is
// reopened by helix; OPEN, ACKNOWLEDGED and FALSE_POSITIVE keep their status. History is four parallel lists.
MATCH (rule:Rule {urn: $ruleUrn})
UNWIND $findings AS f
MATCH (s:Node {urn: f.subject})
MERGE (v:Node {urn: 'urn:helix:violation:' + $ruleId + '|' + f.subject})
ON CREATE SET v:Violation, v.status = 'OPEN', v.firstSeenAt = $at, v.ruleId = $ruleId, v.subjectUrn = f.subject,
              v.historyStatus = ['OPEN'], v.historyAt = [$at], v.historyBy = ['helix'], v.historyComment = [''],
              v.justCreated = true
WITH v, s, f, rule, coalesce(v.justCreated, false) AS created, v.status = 'RESOLVED' AS reopened
SET v.message = f.message, v.evidence = f.evidence, v.lastSeenAt = $at, v.lastEvaluation = $evaluation,
    v.severity = $severity, v.category = $category,
    v.namespace = coalesce(s.namespace, head([(c:Capsule)-[:HAS_COLUMN]->(s) | c.namespace])),
    v.subjectType = head([l IN labels(s) WHERE NOT l IN ['Node', 'Capsule', 'Run', 'StepRun', 'Entity']] + ['Node'])
REMOVE v.justCreated
FOREACH (_ IN CASE WHEN reopened THEN [1] ELSE [] END |
  SET v.status = 'OPEN', v.historyStatus = v.historyStatus + 'OPEN', v.historyAt = v.historyAt + $at,
      v.historyBy = v.historyBy + 'helix', v.historyComment = v.historyComment + 'fails again')
MERGE (v)-[:VIOLATES]->(rule)
MERGE (v)-[:CONCERNS]->(s)
RETURN count(v) AS recorded, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN reopened THEN 1 ELSE 0 END) AS reopened
