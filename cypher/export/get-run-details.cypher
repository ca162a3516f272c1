// What an OpenLineage export needs of the runs $urns: the run, its job, the raw events it was built from (if it came
// from OpenLineage), its inputs (USED) and outputs (WAS_GENERATED_BY) with their identity, and its parent run.
UNWIND $urns AS u
MATCH (run:Run {urn: u})
RETURN run.urn AS urn,
       properties(run) AS run,
       head(COLLECT { MATCH (run)-[:INSTANCE_OF]->(job:Job) RETURN properties(job) ORDER BY job.urn }) AS job,
       COLLECT { MATCH (e:RunEvent)-[:OF_RUN]->(run) RETURN e.rawJson ORDER BY e.eventTime, e.urn } AS raw,
       COLLECT { MATCH (run)-[r:USED]->(d:Node)
                 RETURN {urn: d.urn, namespace: d.namespace, name: d.name} ORDER BY d.urn } AS inputs,
       COLLECT { MATCH (d:Node)-[r:WAS_GENERATED_BY]->(run)
                 RETURN {urn: d.urn, namespace: d.namespace, name: d.name} ORDER BY d.urn } AS outputs,
       head(COLLECT { MATCH (run)-[:CHILD_OF]->(p:Run) OPTIONAL MATCH (p)-[:INSTANCE_OF]->(pj:Job)
                      RETURN {urn: p.urn, runId: p.runId, jobUrn: pj.urn, jobNamespace: pj.namespace, jobName: pj.name}
                      ORDER BY p.urn }) AS parent
ORDER BY urn
