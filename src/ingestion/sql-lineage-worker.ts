import { parentPort } from 'node:worker_threads';
import { deriveColumnLineage } from '../../ingest/dbt/sql/column-lineage.js';
import type { ColumnLineageInput } from '../../ingest/dbt/sql/types.js';

/** One SQL lineage worker: derives a chunk of inputs and answers with each result as JSON text, in input order. */
parentPort?.on('message', (msg: { id: number; inputs: ColumnLineageInput[] }) => {
  parentPort?.postMessage({ id: msg.id, results: msg.inputs.map((input) => JSON.stringify(deriveColumnLineage(input))) });
});
