import type { Command } from 'commander';
import { HelixError } from '../errors.js';
import { withHelix } from './bootstrap.js';

interface WorkerFlags {
  concurrency?: string;
  kinds?: string;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run queued ingestions and conformance evaluations from the Redis queue at REDIS_URL (SIGTERM stops gracefully)')
    .option('--concurrency <n>', 'jobs at once per queue family (default 1)')
    .option('--kinds <list>', 'families or kinds to consume: dbt, bio, openlineage, provenance, conformance, or kinds such as hgnc (default: all)')
    .action(async (flags: WorkerFlags) => {
      const concurrency = flags.concurrency === undefined ? 1 : Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new HelixError('BAD_USER_INPUT', `--concurrency must be a positive integer, got '${flags.concurrency}'`);
      const redisUrl = process.env.REDIS_URL;
      if (!redisUrl) throw new HelixError('CONFIG_INVALID', 'helix worker needs REDIS_URL (the queue lives in Redis)');
      const [{ parseKinds }, { IngestionWorker }] = await Promise.all([import('../services/ingestion/queues.js'), import('../services/ingestion/worker.js')]);
      let families;
      try {
        families = parseKinds(flags.kinds);
      } catch (error) {
        throw new HelixError('BAD_USER_INPUT', (error as Error).message);
      }
      await withHelix({ migrate: true, background: true, server: true }, async (helix) => {
        const worker = new IngestionWorker(helix.exec, helix.logger, { redisUrl, families, concurrency });
        await worker.start();
        process.stderr.write(`helix worker ${worker.id} consuming ${families.join(', ')} (concurrency ${concurrency})\n`);
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            process.stderr.write(`helix worker: ${signal}, stopping (running jobs checkpoint and go back to the queue)\n`);
            void worker.stop().then(resolve);
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
      });
    });
}
