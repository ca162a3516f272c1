import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { HelixError } from '../errors.js';
import type { RuntimePaths } from './paths.js';

/**
 * Makes sure the Neo4j and APOC jars are in .neo4j/lib (fetched once with Maven, again only when the pom changes)
 * and the launcher is compiled. APOC goes to .neo4j/plugins: Neo4j registers procedures from its plugin dir, and
 * APOC's extension factories must also be on the class path, so the launcher puts both there.
 */
export function ensureRuntime(p: RuntimePaths, log: (msg: string) => void = () => {}): void {
  const pomHash = createHash('sha256').update(readFileSync(p.pom)).digest('hex');
  const fetched = existsSync(p.fetchedMarker) ? readFileSync(p.fetchedMarker, 'utf8').trim() : '';
  if (fetched !== pomHash) {
    log('Fetching Neo4j and APOC jars with Maven (first start only)...');
    requireTool('mvn', ['-v'], 'Apache Maven is needed to fetch Neo4j (apt-get install maven), or set NEO4J_URI.');
    const res = spawnSync(
      'mvn',
      ['-q', '-B', '-f', p.pom, 'dependency:copy-dependencies', `-DoutputDirectory=${p.lib}`, '-DincludeScope=runtime'],
      { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
    if (res.status !== 0) {
      throw new HelixError(
        'DATABASE_UNAVAILABLE',
        `Maven could not fetch Neo4j (exit ${res.status}). Is Maven Central reachable? ` +
          `Maven says:\n${(res.stdout + res.stderr).slice(-2000)}`,
      );
    }
    mkdirSync(p.plugins, { recursive: true });
    for (const jar of readdirSync(p.lib).filter((f) => /^apoc-(core|common)-.*\.jar$/.test(f))) {
      renameSync(path.join(p.lib, jar), path.join(p.plugins, jar));
    }
    writeFileSync(p.fetchedMarker, pomHash);
  }
  compileLauncher(p, log);
}

function compileLauncher(p: RuntimePaths, log: (msg: string) => void): void {
  const compiled = path.join(p.classes, 'HelixNeo4j.class');
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(p.launcherSource).mtimeMs) return;
  log('Compiling the Neo4j launcher...');
  requireTool('javac', ['-version'], 'A JDK 17 is needed (apt-get install openjdk-17-jdk-headless), or set NEO4J_URI.');
  mkdirSync(p.classes, { recursive: true });
  const res = spawnSync('javac', ['-cp', `${p.lib}/*`, '-d', p.classes, p.launcherSource], { encoding: 'utf8' });
  if (res.status !== 0) throw new HelixError('DATABASE_UNAVAILABLE', `javac failed:\n${res.stderr}`);
}

function requireTool(cmd: string, args: string[], hint: string): void {
  const res = spawnSync(cmd, args, { stdio: 'ignore' });
  if (res.error || res.status !== 0) throw new HelixError('DATABASE_UNAVAILABLE', `${cmd} not found. ${hint}`);
}
