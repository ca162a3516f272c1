#!/bin/sh
# The ingestion worker of docker-compose.yml.
#   With arguments: runs them as one Helix command, e.g.
#     docker compose run --rm worker ingest openlineage /artifacts/openlineage/events.ndjson
#   Without: ingests every dbt target folder under $ARTIFACTS/dbt and every OpenLineage file under
#   $ARTIFACTS/openlineage once (idempotent) and exits: the compose `seed` service. The `worker` replicas run
#   `helix worker --concurrency N` through the first form, consuming the job queue at REDIS_URL.
set -u
HELIX="node --enable-source-maps dist/src/cli/main.js"
ARTIFACTS="${ARTIFACTS:-/artifacts}"
if [ "$#" -gt 0 ]; then
  exec $HELIX "$@"
fi
status=0
for d in "$ARTIFACTS"/dbt/*/; do
  [ -d "$d" ] || continue
  $HELIX ingest dbt "$d" || status=1
done
if [ -d "$ARTIFACTS/openlineage" ]; then
  $HELIX ingest openlineage "$ARTIFACTS/openlineage" || status=1
fi
echo "seed: ingestion done (exit $status)"
exit $status
