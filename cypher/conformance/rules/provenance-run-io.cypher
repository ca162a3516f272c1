// provenance.run-io: a completed Run that records no inputs (USED) or no outputs (WAS_GENERATED_BY).
MATCH (r:Run)
WHERE ($namespace IS NULL OR r.namespace = $namespace)
  AND ($subjects IS NULL OR r.urn IN $subjects)
  AND r.status = 'completed'
WITH r, EXISTS { (r)-[:USED]->() } AS hasInputs, EXISTS { ()-[:WAS_GENERATED_BY]->(r) } AS hasOutputs
WHERE NOT hasInputs OR NOT hasOutputs
RETURN r.urn AS subject,
       'completed run ' + coalesce(r.runId, r.urn) + ' records ' +
         CASE WHEN NOT hasInputs AND NOT hasOutputs THEN 'no inputs and no outputs'
              WHEN NOT hasInputs THEN 'no inputs' ELSE 'no outputs' END AS message,
       CASE WHEN hasInputs THEN [] ELSE ['inputs: 0'] END + CASE WHEN hasOutputs THEN [] ELSE ['outputs: 0'] END AS evidence
