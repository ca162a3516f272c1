import type { Command } from 'commander';
import { withHelix } from './bootstrap.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply cypher/schema constraints and indexes (idempotent), build missing capsule read models, print the schema version')
    .action(async () => {
      const { migrate } = await import('../db/migrate.js');
      const { rebuildMissingReadModels } = await import('../db/read-model-rebuild.js');
      await withHelix({}, async (helix) => {
        const r = await migrate(helix.exec);
        const built = await rebuildMissingReadModels(helix.exec, { op: 'migrate read models' });
        process.stdout.write(`schema version ${r.version} (${r.applied.length} migration files applied, ${built} capsule read models built)\n`);
      });
    });
}
