/**
 * Runs `start` (a synchronous driver call that creates a Result) with V8's stack capture off.
 *
 * neo4j-driver-core's Result constructor runs `new Error('').stack` for every query (result.js captureStacktrace) so
 * that a failed query's error can show where it was run. Formatting that stack is paid on every query, failed or not,
 * and costs most with source maps on (`--enable-source-maps` in `npm start` and the Dockerfile, tsx in benchmarks):
 * about 0.1 ms of Node CPU per read in an Executor.read loop, more under a deep GraphQL stack (docs/benchmarks.md).
 * With the limit at 0 the captured stack is empty, so a failed query's driver error carries its name, code and
 * message but no frames. Those frames would only say "Executor.read, called from …": the executor's `cypher failed`
 * log line names the query and the request id, and the HelixError it throws is created afterwards with the normal
 * limit, so its stack (async frames included) still shows the caller. The limit is restored before anything else can
 * run (the call is synchronous), so no other code sees it.
 */
export function withoutCallSiteStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
