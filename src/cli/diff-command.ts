import type { Command } from 'commander';
import { withHelix } from './bootstrap.js';

interface DiffFlags {
  namespace: string;
  from: string;
  to: string;
  json?: boolean;
}

/** `helix diff`: what changed in a dbt namespace's lineage between two ingestions (the GraphQL lineageDiff). */
export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description("what changed in a dbt namespace's lineage between two ingestions (capsules, columns, FLOWS_TO, DERIVED_FROM)")
    .requiredOption('--namespace <name>', 'the dbt namespace (project name or --namespace of its ingestion)')
    .option('--from <id>', 'an ingestion id, latest, previous or an ISO date-time', 'previous')
    .option('--to <id>', 'an ingestion id, latest, previous or an ISO date-time', 'latest')
    .option('--json', 'print the diff as JSON')
    .action(async (flags: DiffFlags) => {
      const { lineageDiff } = await import('../services/history/diff.js');
      const { serviceContext } = await import('../services/lineage/service-context.js');
      const { formatDiff } = await import('./diff-format.js');
      await withHelix({}, async (helix) => {
        const d = await lineageDiff(serviceContext(helix, { op: 'diff', requestId: 'cli' }), flags);
        process.stdout.write(flags.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d, process.stdout.isTTY === true));
      });
    });
}
