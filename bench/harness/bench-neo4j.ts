import path from 'node:path';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/local-neo4j.js';
import { projectRoot } from '../../src/project-root.js';

export interface BenchNeo4j {
  uri: string;
  password?: string;
  /** Stops the instance if this process started it. */
  release(): Promise<void>;
}

/**
 * The Neo4j a suite measures against: NEO4J_URI when set (the vitest run passes its test instance), else a local
 * instance in a home of the suite's own under .neo4j/ (started when not running, heap HELIX_NEO4J_HEAP or 2g, data
 * kept between runs so loaded graphs are reused), stopped again at the end if the suite started it.
 */
export async function benchNeo4j(home: string, log: (line: string) => void, o: { password?: string } = {}): Promise<BenchNeo4j> {
  if (process.env.NEO4J_URI) {
    return { uri: process.env.NEO4J_URI, password: process.env.NEO4J_PASSWORD, release: async () => {} };
  }
  const dir = path.join(projectRoot(), '.neo4j', home);
  const started = await startLocalNeo4j({
    home: dir,
    // The product's default heap (HELIX_NEO4J_HEAP in src/config/schema.ts): at 1g, garbage collection took a fifth
    // to a quarter of Neo4j's CPU in a 10k-model ingest, a cost no deployment with the default pays.
    heap: process.env.HELIX_NEO4J_HEAP ?? '2g',
    pagecache: process.env.HELIX_NEO4J_PAGECACHE ?? '1g',
    auth: Boolean(o.password),
    password: o.password,
    log,
  });
  log(`${started.started ? 'started' : 'reusing'} Neo4j ${started.uri} in .neo4j/${home} (${started.elapsedMs} ms)`);
  return {
    uri: started.uri,
    password: o.password,
    release: async () => {
      if (started.started) await stopLocalNeo4j(dir);
    },
  };
}
