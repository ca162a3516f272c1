import type { Command } from 'commander';
import { SEVERITIES } from '../services/conformance/rule-types.js';

/** `helix conformance …`: light to register; each action loads the engine when it runs (src/cli/conformance.ts). */
export interface EvaluateFlags {
  namespace?: string;
  rules?: string;
  json?: boolean;
  failOn?: string;
}

const RULES_OPTION = 'rule set YAML (default: $HELIX_RULES_FILE, else ./helix.rules.yml when present)';
const FAIL_ON_OPTION = `exit 1 when an OPEN violation of this severity or worse remains (${SEVERITIES.join(', ')})`;

export function registerConformanceCommand(program: Command): void {
  const conformance = program.command('conformance').description('judge the graph against conformance rules (docs/conformance.md)');
  conformance
    .command('evaluate')
    .description('evaluate every enabled rule (exit 0 with violations; --fail-on makes it a CI gate)')
    .option('--namespace <name>', 'the dbt namespace to evaluate (default: everything)')
    .option('--rules <file>', RULES_OPTION)
    .option('--json', 'print the full report as JSON on stdout')
    .option('--fail-on <severity>', FAIL_ON_OPTION)
    .action(async (flags: EvaluateFlags) => (await import('./conformance.js')).evaluate(flags));
  conformance
    .command('ingest <kind> <path>')
    .description('ingest an artifact, then evaluate incrementally: only the subjects the ingestion changed (and their lineage)')
    .option('--namespace <name>', 'namespace (dbt: defaults to the project name)')
    .option('--rules <file>', RULES_OPTION)
    .option('--json', 'print the ingestion and evaluation reports as JSON on stdout')
    .option('--fail-on <severity>', FAIL_ON_OPTION)
    .action(async (kind: string, path: string, flags: EvaluateFlags) => (await import('./conformance.js')).ingestThenEvaluate(kind, path, flags));
  conformance
    .command('rules')
    .description("list the effective rules (built-ins as configured plus the rule set's own)")
    .option('--rules <file>', RULES_OPTION)
    .option('--json', 'JSON on stdout')
    .action(async (flags: { rules?: string; json?: boolean }) => (await import('./conformance.js')).listRules(flags));
}
