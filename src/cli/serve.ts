import { openHelix } from '../app/context.js';
import { loadConfig } from '../config/load.js';
import { loadDemoGraph } from '../demo/load-demo.js';
import { HelixError } from '../errors.js';
import { createHttpServer } from '../http/server.js';
import { extraRoutes } from '../http/extra-routes.js';
import { drainable } from '../http/graceful-shutdown.js';
import { createLogger } from '../observability/logger.js';
import { assertPortFree, listen } from './listen.js';
import type { ServeFlags } from './serve-command.js';

export async function serve(opts: ServeFlags): Promise<void> {
  const began = performance.now();
  const config = loadConfig();
  const port = opts.port === undefined ? config.HELIX_PORT : parsePort(opts.port);
  // Before Neo4j starts and the schema is checked: a taken port is known at once, not after a minute of set-up.
  await assertPortFree(port, config.HELIX_HOST);
  const logger = createLogger(config.LOG_LEVEL);
  const helix = await openHelix(config, logger, { migrate: true, checkQueries: true, stopStartedNeo4jOnError: true, background: true });
  try {
    if (opts.demo) {
      const demo = await loadDemoGraph(helix.exec);
      logger.info({ skipped: demo.skipped, nodes: demo.nodes, ms: demo.ms }, demo.skipped ? 'demo graph already loaded' : 'demo graph loaded');
    }
    const server = createHttpServer(helix, extraRoutes(helix));
    const connections = drainable(server);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      const inFlight = connections.inFlight();
      logger.info({ signal, inFlight, graceMs: config.HELIX_SHUTDOWN_GRACE_MS }, 'stopping: finishing in-flight requests');
      // Stop accepting, answer what was asked (bounded), complete subscriptions; then release Neo4j and Redis.
      const cut = await connections.drain(config.HELIX_SHUTDOWN_GRACE_MS);
      if (cut > 0) logger.warn({ cut }, 'requests still running at the end of the grace period were cut');
      // Stops Neo4j only if this process started it; one started by `helix neo4j start` keeps running, and so does
      // one started here with --keep-neo4j: Neo4j's own start (12–80 s on this machine) is most of a cold start, so
      // `npm start` keeps it for the next start, as a database container would be kept.
      const keep = opts.keepNeo4j === true && helix.target.local?.started === true;
      await helix.close({ stopLocalNeo4j: !keep });
      if (keep) process.stderr.write(`Neo4j keeps running (${helix.target.uri}) for a fast next start; stop it with: npx helix neo4j stop\n`);
      logger.info({ inFlight, cut }, 'stopped');
      process.exit(0);
    };
    // Before "ready" is printed: a signal that arrives right after it must find the handlers in place (without a
    // listener the default action kills the process at once).
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    const actual = await listen(server, port, config.HELIX_HOST);
    const host = config.HELIX_HOST === '127.0.0.1' || config.HELIX_HOST === '0.0.0.0' ? 'localhost' : config.HELIX_HOST;
    logger.info({ ms: Math.round(performance.now() - began) }, 'ready');
    process.stdout.write(`Helix GraphQL ready at http://${host}:${actual}/graphql (Neo4j ${helix.target.uri})\n`);
  } catch (error) {
    await helix.close({ stopLocalNeo4j: true });
    throw error;
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new HelixError('BAD_USER_INPUT', `--port must be a port number (0-65535), got '${text}'`);
  }
  return port;
}
