// A person's decision on one violation: the status changes and the history records who, when and why.
MATCH (v:Violation {urn: $urn})
SET v.status = $status,
    v.historyStatus = v.historyStatus + $status, v.historyAt = v.historyAt + $at,
    v.historyBy = v.historyBy + $by, v.historyComment = v.historyComment + $comment
RETURN v.urn AS urn, labels(v) AS labels, properties(v) AS props
