#!/usr/bin/env node
import { Command } from 'commander';
import { fail } from './bootstrap.js';
import { registerIngestCommand } from './ingest-command.js';
import { registerMigrateCommand } from './migrate-command.js';
import { registerNeo4jCommand } from './neo4j-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerExportCommand } from './export-command.js';
import { registerConformanceCommand } from './conformance-command.js';
import { registerWorkerCommand } from './worker-command.js';

const program = new Command('helix')
  .description('Helix: data lineage and pipeline provenance as one property graph')
  .version('0.1.0');
registerServeCommand(program);
registerMigrateCommand(program);
registerNeo4jCommand(program);
registerIngestCommand(program);
registerExportCommand(program);
registerConformanceCommand(program);
registerWorkerCommand(program);

// `helix … | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

program.parseAsync(process.argv).catch(fail);
