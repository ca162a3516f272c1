import { writeGraph } from '../../ingest/core/writer.js';
import type { Executor } from '../db/executor.js';
import { demoGraph } from './demo-graph.js';

export async function loadDemoGraph(exec: Executor) {
  return writeGraph(exec, demoGraph(), { scope: 'demo:helix_demo', deleteMissing: true, allowMassDelete: true });
}
