import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { localNeo4jStatus } from '../../src/local-neo4j/local-neo4j.js';
import { startFailedFile } from './global-setup.js';

/**
 * Setup file of the graph projects. The global setup starts the test Neo4j in the background (it provides the URI at
 * once, so that unit files run during the start): a graph file begins once that instance is ready, i.e. its launcher
 * wrote its state after a first query and Bolt answers (what startLocalNeo4j waits for), or fails at once with the
 * reason when the start failed. Costs nothing when no start is under way (NEO4J_URI given, or an instance reused).
 */
const home = inject('neo4jStartingHome');
const uri = inject('neo4jUri');
const START_TIMEOUT_MS = 300_000;

if (home) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const failed = startFailedFile(home);
    if (existsSync(failed)) throw new Error(`the test Neo4j did not start: ${readFileSync(failed, 'utf8')}`);
    if ((await localNeo4jStatus(home))?.uri === uri) break;
    if (Date.now() > deadline) throw new Error(`the test Neo4j (${home}) was not ready at ${uri} within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
