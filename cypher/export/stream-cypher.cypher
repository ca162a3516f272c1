CALL apoc.export.cypher.all(null, {stream: true, format: 'plain', useOptimizations: {type: 'UNWIND_BATCH', unwindBatchSize: 100}})
YIELD cypherStatements
RETURN cypherStatements AS data
