import path from 'node:path';
import { projectRoot } from '../project-root.js';

/** Where the local Neo4j keeps its jars (shared) and its instance files (per home). All git-ignored. */
export function runtimePaths(home?: string) {
  const root = projectRoot();
  const runtime = path.join(root, '.neo4j');
  const instance = home ? path.resolve(root, home) : path.join(runtime, 'instance');
  return {
    root,
    pom: path.join(root, 'neo4j', 'pom.xml'),
    launcherSource: path.join(root, 'neo4j', 'HelixNeo4j.java'),
    lib: path.join(runtime, 'lib'),
    plugins: path.join(runtime, 'plugins'),
    classes: path.join(runtime, 'classes'),
    fetchedMarker: path.join(runtime, 'lib', '.fetched-from'),
    instance,
    settings: path.join(instance, 'helix-neo4j.properties'),
    state: path.join(instance, 'state.json'),
    lock: path.join(instance, 'start.lock'),
    log: path.join(instance, 'neo4j.out'),
  };
}

export type RuntimePaths = ReturnType<typeof runtimePaths>;
