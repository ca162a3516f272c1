/**
 * Runs `work` over `batches` with at most `limit` in flight, and returns the results in batch order.
 *
 * Why: one write transaction keeps one Neo4j worker thread busy while the client waits for the round trip and the
 * commit; a second batch in flight keeps the other core busy (Neo4j Community runs concurrent transactions on
 * disjoint nodes in parallel; overlapping ones wait on a lock or are retried by the driver after a deadlock).
 *
 * All-or-nothing is unchanged: every batch is its own transaction as before. After the first failure no further
 * batch starts, the ones in flight are awaited (none is left running behind the caller's back), then the first
 * error is thrown, as the sequential loop did.
 */
export async function mapBatches<T, R>(batches: Iterable<T>, limit: number, work: (batch: T) => Promise<R>): Promise<R[]> {
  const queue = [...batches];
  const results: R[] = new Array(queue.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < queue.length) {
      const i = next++;
      try {
        results[i] = await work(queue[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, lane));
  if (failure) throw failure.error;
  return results;
}
