import type { Command } from 'commander';
import { INGESTERS } from '../ingestion/registry.js';
import { HelixError } from '../errors.js';
import { auditCliIngestion } from '../auth/audit.js';
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
  queue?: boolean;
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
    .option('--queue', 'put the ingestion on the Redis queue at REDIS_URL for a `helix worker` and print its record at once')
    .action(async (kind: string, path: string, flags: IngestFlags) => {
      const entry = Object.hasOwn(INGESTERS, kind) ? INGESTERS[kind] : undefined;
      if (!entry) {
        throw new HelixError('BAD_USER_INPUT', `unknown ingest kind '${kind}'; known: ${Object.keys(INGESTERS).sort().join(', ')}`);
      }
      // Like startIngestion: files over HELIX_INGEST_MAX_FILE_BYTES are refused before anything is read or written.
      // (Imported here: `helix --help` loads no config code, test/unit/src/cli/cli-startup.test.ts.)
      const [{ loadConfig }, { assertFileSizes }] = await Promise.all([import('../config/load.js'), import('../services/ingestion/file-size-cap.js')]);
      await assertFileSizes(path, [flags.catalog, flags.runResults, flags.sources], loadConfig().HELIX_INGEST_MAX_FILE_BYTES);
      if (flags.queue) return enqueue(kind, path, flags);
      const run = await entry.run();
      // Ctrl-C / SIGTERM: stop at the next batch and record the ingestion `cancelled` (what it wrote stays; a
      // streamed kind continues with --resume <id>) instead of leaving it `running`; a second signal exits at once.
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (stop.signal.aborted) process.exit(130);
        process.stderr.write(`helix: ${signal}: stopping at the next batch (again to exit at once)\n`);
        stop.abort('cancel');
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      await withHelix({ migrate: true, events: true }, async (helix) => {
        const report = await run(helix.exec, path, {
          ...flags,
          signal: stop.signal,
          onProgress: flags.json ? undefined : progressBar(`ingest ${kind}`),
        });
        await auditCliIngestion(helix.exec, kind, report);
        if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else process.stdout.write(summariseReport(report));
        if (report.status !== 'completed') process.exitCode = 1;
      });
    });
}

/** `helix ingest <kind> <path> --queue [--json]`: the queued record, printed at once; a worker runs it. */
async function enqueue(kind: string, path: string, flags: IngestFlags): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new HelixError('CONFIG_INVALID', '--queue needs REDIS_URL (the queue lives in Redis; `helix worker` consumes it)');
  if (flags.catalog || flags.runResults || flags.sources) {
    throw new HelixError('BAD_USER_INPUT', '--queue takes the dbt artifacts beside the manifest (--catalog, --run-results and --sources are for in-process runs)');
  }
  const [{ resolve }, { BullJobQueue }, { IngestionJobs }] = await Promise.all([
    import('node:path'),
    import('../services/ingestion/job-queue.js'),
    import('../services/ingestion/ingestion-jobs.js'),
  ]);
  await withHelix({ migrate: true }, async (helix) => {
    const queue = new BullJobQueue(redisUrl);
    try {
      // The CLI's user may read any path; a worker elsewhere must find it at the same absolute path.
      const jobs = new IngestionJobs(helix.exec, null, queue);
      const started = await jobs.start({ kind, path: resolve(path), namespace: flags.namespace, format: flags.format, resume: flags.resume, allowMassDelete: flags.allowMassDelete });
      if (flags.json) process.stdout.write(`${JSON.stringify(started)}\n`);
      else process.stdout.write(`queued ingestion ${started.id} (${kind} ${started.source}); follow it with ingestion(id: "${started.id}")\n`);
    } finally {
      await queue.close();
    }
  });
}
