import type { Command } from 'commander';
import { withHelix } from './bootstrap.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply cypher/schema constraints and indexes (idempotent) and print the schema version')
    .action(async () => {
      const { migrate } = await import('../db/migrate.js');
      await withHelix({}, async (helix) => {
        const r = await migrate(helix.exec);
        process.stdout.write(`schema version ${r.version} (${r.applied.length} migration files applied)\n`);
      });
    });
}
