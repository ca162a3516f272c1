import type { Executor, QueryContext } from './executor.js';
import { READ_MODEL_FORMAT, READ_MODEL_KEYS, READ_MODEL_QUERIES as Q } from './read-models.js';

/** Capsules per rebuild transaction: bounded so one rebuild holds few locks and little memory. */
const BATCH = 200;

/** Rebuilds these capsules' read models (src/db/read-models.ts), batch by batch in urn order. */
export async function rebuildReadModelsOf(exec: Executor, urns: readonly string[], ctx: QueryContext = {}): Promise<void> {
  const sorted = [...new Set(urns)].sort();
  for (let i = 0; i < sorted.length; i += BATCH) {
    await exec.write(Q['read-models/rebuild-capsule-read-models'], { urns: sorted.slice(i, i + BATCH), keys: READ_MODEL_KEYS, format: READ_MODEL_FORMAT }, ctx);
  }
}

/**
 * Rebuilds the models that committed writes of this process invalidated: the end of every write (the ingestion
 * writer, metadata mutations). A failure leaves them absent (reads use the graph) and is the caller's to report.
 */
export function rebuildReadModels(exec: Executor, ctx: QueryContext = {}): Promise<void> {
  return rebuildReadModelsOf(exec, exec.takeStaleReadModels(), ctx);
}

/**
 * Builds every missing (or other-format) model, a page at a time: `helix migrate` and start-up, so upgraded
 * deployments and freshly loaded graphs get them. Returns how many were built.
 */
export async function rebuildMissingReadModels(exec: Executor, ctx: QueryContext = {}): Promise<number> {
  let after = '';
  let built = 0;
  for (;;) {
    const page = await exec.read(Q['read-models/list-capsules-without-read-model'], { after, first: BATCH * 5, format: READ_MODEL_FORMAT }, ctx);
    if (page.length === 0) return built;
    const urns = page.map((r) => String(r.urn));
    await rebuildReadModelsOf(exec, urns, ctx);
    built += urns.length;
    after = urns[urns.length - 1]!;
  }
}
