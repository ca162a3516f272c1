import type { Command } from 'commander';
import { INGESTERS } from '../../ingest/run/registry.js';
import { HelixError } from '../errors.js';
import { withHelix } from './bootstrap.js';
import { progressBar } from './progress.js';
import { summariseReport } from './report-summary.js';

interface IngestFlags {
  namespace?: string;
  json?: boolean;
  format?: string;
  allowMassDelete?: boolean;
  resume?: string;
  catalog?: string;
  runResults?: string;
  sources?: string;
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest <kind> <path>')
    .description(`parse an artifact into the graph; kinds: ${Object.keys(INGESTERS).sort().join(', ') || '(none yet)'}`)
    .option('--namespace <name>', 'namespace (dbt: defaults to the project name)')
    .option('--json', 'print the full report as JSON on stdout')
    .option('--format <format>', 'name the input format instead of detecting it')
    .option('--catalog <file>', 'dbt catalog.json (default: beside the manifest)')
    .option('--run-results <file>', 'dbt run_results.json (default: beside the manifest)')
    .option('--sources <file>', 'dbt sources.json (default: beside the manifest)')
    .option('--allow-mass-delete', 'allow deleting more than 20% of what this namespace held')
    .option('--resume <id>', 'resume an interrupted ingestion from its last checkpoint')
    .action(async (kind: string, path: string, flags: IngestFlags) => {
      const entry = Object.hasOwn(INGESTERS, kind) ? INGESTERS[kind] : undefined;
      if (!entry) {
        throw new HelixError('BAD_USER_INPUT', `unknown ingest kind '${kind}'; known: ${Object.keys(INGESTERS).sort().join(', ')}`);
      }
      const run = await entry.run();
      await withHelix({ migrate: true, events: true }, async (helix) => {
        const report = await run(helix.exec, path, {
          ...flags,
          onProgress: flags.json ? undefined : progressBar(`ingest ${kind}`),
        });
        if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(summariseReport(report));
        if (report.status !== 'completed') process.exitCode = 1;
      });
    });
}
