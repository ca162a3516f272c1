CALL apoc.export.json.all(null, {stream: true, jsonFormat: 'JSON_LINES'})
YIELD data
RETURN data
