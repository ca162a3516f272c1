import type { Command } from 'commander';

export interface ServeFlags {
  demo?: boolean;
  port?: string;
  keepNeo4j?: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the GraphQL API (migrates the schema and checks every Cypher file first)')
    .option('--demo', 'load the demo graph before serving')
    .option('--port <port>', 'HTTP port (default HELIX_PORT or 4000)')
    .option('--keep-neo4j', 'leave a local Neo4j this command started running on exit, so the next start reuses it (npm start does)')
    .action(async (opts: ServeFlags) => (await import('./serve.js')).serve(opts));
}
