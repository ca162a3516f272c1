import type { Command } from 'commander';

/** `helix keys …`: API keys (docs/security.md). Light to register; each action loads what it needs when it runs. */
export interface CreateKeyFlags {
  role: string;
  namespace: string[];
  name?: string;
  expires?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('create, list and revoke API keys (HELIX_AUTH_MODE=keys; docs/security.md)');
  keys
    .command('create')
    .description('create an API key and print it once (only its hash is stored)')
    .requiredOption('--role <role>', 'viewer, editor or admin')
    .option('--namespace <name>', 'limit the key to this namespace (repeat for several; `bio` for genes and proteins)', collect, [])
    .option('--name <name>', 'what the key is for (shown in lists and audit)')
    .option('--expires <date>', 'an ISO date or date-time, or a duration from now (30d, 12h, 90m)')
    .option('--json', 'print {"id", "key"} as JSON')
    .action(async (flags: CreateKeyFlags) => (await import('./keys.js')).create(flags));
  keys
    .command('list')
    .description('every key with its role, namespaces, creation, last use, expiry and revocation (never the secret)')
    .option('--json', 'JSON on stdout')
    .action(async (flags: { json?: boolean }) => (await import('./keys.js')).list(flags));
  keys
    .command('revoke <id>')
    .description('revoke a key: every server process refuses it from its next request on')
    .option('--json', 'JSON on stdout')
    .action(async (id: string, flags: { json?: boolean }) => (await import('./keys.js')).revoke(id, flags));
}
