import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

const root = projectRoot();

/**
 * Node's arguments that run the `helix` CLI as users do: the built bin (dist/src/cli/main.js, package.json "bin").
 * Child processes through tsx compiled src/ on every start (2-5 s each on the loaded 2-core CI machine, dozens of
 * processes per run); the global setup rebuilds dist/ first when src/ changed (test/support/global-setup.ts).
 */
export const helixArgv = (...args: string[]): string[] => [path.join(root, 'dist/src/cli/main.js'), ...args];

/** The environment of a child process on this run's test Neo4j and Redis. */
export const testGraphEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  NEO4J_URI: inject('neo4jUri'),
  REDIS_URL: inject('redisUrl'),
  ...extra,
});

/** `helix ARGS` to its end (stdout, stderr, status), in the checkout's root. */
export function runHelix(args: string[], env: NodeJS.ProcessEnv, timeout = 120_000) {
  return spawnSync(process.execPath, helixArgv(...args), { cwd: root, env, encoding: 'utf8', timeout });
}

/**
 * `helix serve ARGS` as a child process; resolves once it logs "ready at", with its /graphql address. `onLog` gets
 * every chunk of its stdout and stderr (from start to exit).
 */
export async function startServe(
  args: string[],
  env: NodeJS.ProcessEnv,
  { timeoutMs = 240_000, onLog = () => {} }: { timeoutMs?: number; onLog?: (chunk: string) => void } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, helixArgv('serve', ...args), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`serve did not start:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      const chunk = d.toString();
      onLog(chunk);
      out += chunk;
      const m = /ready at (http:\/\/\S+\/graphql)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}:\n${out}`)));
  });
  return { child, url };
}
