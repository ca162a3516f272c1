import type { Command } from 'commander';

// Imported when a subcommand runs (the driver is heavy), so `helix --help` stays instant.
const deps = async () => {
  const [{ loadConfig }, local] = await Promise.all([import('../config/load.js'), import('../local-neo4j/local-neo4j.js')]);
  return { loadConfig, ...local };
};

export function registerNeo4jCommand(program: Command): void {
  const neo4j = program.command('neo4j').description("manage this checkout's local Neo4j (used when NEO4J_URI is unset)");
  neo4j
    .command('start')
    .description('start (or reuse) the local Neo4j and print its Bolt URI; it runs until `helix neo4j stop`')
    .action(async () => {
      const { loadConfig, startLocalNeo4j } = await deps();
      const c = loadConfig();
      const r = await startLocalNeo4j({
        home: c.HELIX_NEO4J_HOME,
        port: c.HELIX_NEO4J_PORT,
        auth: c.HELIX_NEO4J_AUTH,
        password: c.NEO4J_PASSWORD,
        heap: c.HELIX_NEO4J_HEAP,
        pagecache: c.HELIX_NEO4J_PAGECACHE,
        log: (m) => process.stderr.write(`${m}\n`),
      });
      process.stderr.write(`${r.started ? 'started' : 'already running'} in ${r.elapsedMs} ms (pid ${r.pid})\n`);
      process.stdout.write(`${r.uri}\n`);
    });
  neo4j
    .command('stop')
    .description('stop the local Neo4j')
    .action(async () => {
      const { loadConfig, stopLocalNeo4j } = await deps();
      const stopped = await stopLocalNeo4j(loadConfig().HELIX_NEO4J_HOME);
      process.stdout.write(stopped ? 'stopped\n' : 'not running\n');
    });
  neo4j
    .command('status')
    .description('print the Bolt URI of the running local Neo4j, or exit 1')
    .action(async () => {
      const { loadConfig, localNeo4jStatus } = await deps();
      const s = await localNeo4jStatus(loadConfig().HELIX_NEO4J_HOME);
      if (!s) {
        process.stdout.write('not running\n');
        process.exitCode = 1;
      } else process.stdout.write(`${s.uri}\n`);
    });
}
