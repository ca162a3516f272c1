// Removes stale PII findings by urn.
UNWIND $urns AS u
MATCH (f:PiiFinding {urn: u})
DETACH DELETE f
RETURN count(*) AS deleted
