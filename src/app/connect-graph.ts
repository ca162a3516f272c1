import type { Config } from '../config/schema.js';
import { startLocalNeo4j, type StartResult } from '../local-neo4j/local-neo4j.js';

export interface GraphTarget {
  uri: string;
  user: string;
  password?: string;
  /** Set when there was no NEO4J_URI and this process started or reused the checkout's local Neo4j. */
  local?: StartResult;
}

/** NEO4J_URI when given; otherwise this checkout's local Neo4j, started if it is not running. */
export async function resolveGraphTarget(config: Config, log: (msg: string) => void = () => {}): Promise<GraphTarget> {
  if (config.NEO4J_URI) return { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD };
  const local = await startLocalNeo4j({
    home: config.HELIX_NEO4J_HOME,
    port: config.HELIX_NEO4J_PORT,
    auth: config.HELIX_NEO4J_AUTH,
    password: config.NEO4J_PASSWORD,
    heap: config.HELIX_NEO4J_HEAP,
    pagecache: config.HELIX_NEO4J_PAGECACHE,
    log,
  });
  log(`${local.started ? 'Started' : 'Reusing'} local Neo4j at ${local.uri} (${local.elapsedMs} ms)`);
  return {
    uri: local.uri,
    user: config.NEO4J_USER,
    password: config.HELIX_NEO4J_AUTH ? config.NEO4J_PASSWORD : undefined,
    local,
  };
}
