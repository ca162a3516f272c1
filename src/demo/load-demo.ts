import { writeGraph } from '../../ingest/core/writer.js';
import type { Executor } from '../db/executor.js';
import { refreshPii } from '../services/conformance/pii/refresh-pii.js';
import { demoGraph } from './demo-graph.js';

export async function loadDemoGraph(exec: Executor) {
  const result = await writeGraph(exec, demoGraph(), { scope: 'demo:helix_demo', deleteMissing: true, allowMassDelete: true });
  // PII findings are derived data (piiInventory, Column.pii): computed once the demo graph is in.
  await refreshPii(exec);
  return result;
}
