CALL apoc.export.graphml.all(null, {stream: true, useTypes: true, storeNodeIds: false})
YIELD data
RETURN data
