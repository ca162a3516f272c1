import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './run-suite.js';

export interface ServeChild {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The last 20,000 characters it printed (stdout and stderr). */
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * `helix serve` as its own process, exactly as deployed (the load generator must not share its event loop), on a
 * free port; resolves when it prints "ready". `env` adds to (and overrides) the current environment.
 */
export async function startServeChild(env: Record<string, string | undefined>, o: { timeoutMs?: number; log?: (line: string) => void } = {}): Promise<ServeChild> {
  const root = path.dirname(BENCH_DIR);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, HELIX_PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onOutput = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`helix serve did not start:\n${out.slice(-3000)}`)), o.timeoutMs ?? 300_000);
    const onData = () => {
      const m = /ready at http:\/\/[^:]+:(\d+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => {
      onData();
      for (const line of d.toString().split('\n')) if (line.trim()) o.log?.(`  [serve] ${line.trim().slice(0, 300)}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`helix serve exited ${code}:\n${out.slice(-3000)}`));
    });
  });
  return {
    child,
    base,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
