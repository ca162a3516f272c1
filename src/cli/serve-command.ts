import type { Command } from 'commander';
import { openHelix } from '../app/context.js';
import { loadConfig } from '../config/load.js';
import { loadDemoGraph } from '../demo/load-demo.js';
import { createHttpServer } from '../http/server.js';
import { extraRoutes } from '../http/extra-routes.js';
import { createLogger } from '../observability/logger.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the GraphQL API (migrates the schema and checks every Cypher file first)')
    .option('--demo', 'load the demo graph before serving')
    .option('--port <port>', 'HTTP port (default HELIX_PORT or 4000)')
    .action(async (opts: { demo?: boolean; port?: string }) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const helix = await openHelix(config, logger, { migrate: true, checkQueries: true });
      if (opts.demo) {
        const { report } = await loadDemoGraph(helix.exec);
        logger.info({ nodes: report.nodes, edges: report.edges.created }, 'demo graph loaded');
      }
      const server = createHttpServer(helix, extraRoutes(helix));
      const port = opts.port ? Number(opts.port) : config.HELIX_PORT;
      server.listen(port, config.HELIX_HOST, () => {
        const addr = server.address();
        const actual = typeof addr === 'object' && addr ? addr.port : port;
        const host = config.HELIX_HOST === '127.0.0.1' || config.HELIX_HOST === '0.0.0.0' ? 'localhost' : config.HELIX_HOST;
        process.stdout.write(`Helix GraphQL ready at http://${host}:${actual}/graphql (Neo4j ${helix.target.uri})\n`);
      });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        // Stops Neo4j only if this process started it; one started by `helix neo4j start` keeps running.
        await helix.close({ stopLocalNeo4j: true });
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGINT', () => void stop('SIGINT'));
    });
}
