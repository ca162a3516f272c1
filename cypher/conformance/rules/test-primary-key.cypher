// test.primary-key: an enabled dbt Model of the namespace's own package where no single column has both a `unique`
// and a `not_null` generic test (test_metadata.name, any namespace), with no `unique_combination_of_columns` test
// and no `primary_key` constraint (model- or column-level). Tests belong to the capsule they TEST (attached_node,
// else the model of depends_on); column names compare lower-cased with quotes, backticks and brackets stripped.
CALL () {
  // An Invocation is an INSTANCE_OF the Job `urn:dbt:<namespace>:job` of every namespace its artifacts were ingested under.
  MATCH (i:Invocation)-[:INSTANCE_OF]->(j:Job)
  WHERE i.projectName IS NOT NULL AND j.urn STARTS WITH 'urn:dbt:' AND j.urn ENDS WITH ':job'
  RETURN apoc.map.fromPairs(collect([substring(j.urn, 8, size(j.urn) - 12), i.projectName])) AS projects
}
MATCH (m:Model)
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR m.urn IN $subjects)
  AND coalesce(m.reference, false) = false
  AND m.packageName = coalesce(projects[m.namespace], m.namespace)
  AND NOT EXISTS {
    MATCH (t:Test)-[:TESTS]->(m)
    WHERE t.testName IN ['unique', 'not_null'] AND t.columnName IS NOT NULL
    WITH trim(toLower(apoc.text.regreplace(t.columnName, '["`\\[\\]]', ''))) AS column, collect(DISTINCT t.testName) AS names
    WHERE size(names) = 2
  }
  AND NOT EXISTS { MATCH (t:Test)-[:TESTS]->(m) WHERE t.testName = 'unique_combination_of_columns' }
  AND NOT any(c IN coalesce(apoc.convert.fromJsonList(m.constraintsJson), []) WHERE c.type = 'primary_key')
  AND NOT EXISTS {
    MATCH (m)-[:HAS_COLUMN]->(col:Column)
    WHERE any(c IN coalesce(apoc.convert.fromJsonList(col.constraintsJson), []) WHERE c.type = 'primary_key')
  }
OPTIONAL CALL (m) {
  MATCH (t:Test)-[:TESTS]->(m) WHERE t.testName IN ['unique', 'not_null']
  RETURN collect(t.testName + '(' + coalesce(t.columnName, '') + ')') AS partial
}
RETURN m.urn AS subject,
       'model ' + m.name + ' has no primary key test (unique + not_null on one column, unique_combination_of_columns, or a primary_key constraint)' AS message,
       apoc.coll.sort(coalesce(partial, [])) AS evidence
