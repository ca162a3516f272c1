import { spawn } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './run-suite.js';

/**
 * Runs one of the stand-alone bench scripts (bench/*.ts) as they are used by hand, in a child process, and returns
 * the JSON it printed: every stdout line that is a JSON object, or the whole stdout when it is one object.
 */
export async function runBenchScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<Array<Record<string, unknown>>> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, script), ...args], {
    cwd: path.dirname(BENCH_DIR),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderrTail = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    const text = d.toString();
    stderrTail = (stderrTail + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) log(`  ${line.trim()}`);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${stderrTail}`);
  const whole = tryJson(stdout.trim());
  if (whole && !Array.isArray(whole)) return [whole];
  return stdout.split('\n').map((l) => tryJson(l.trim())).filter((x): x is Record<string, unknown> => Boolean(x) && !Array.isArray(x));
}

function tryJson(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Flattens nested numbers into `a.b.c` columns (text values are kept as they are). */
export function flatten(value: unknown, prefix = '', out: Record<string, string | number | null> = {}): Record<string, string | number | null> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value === 'number' || typeof value === 'string') {
    out[prefix] = value;
  } else if (typeof value === 'boolean') {
    out[prefix] = String(value);
  }
  return out;
}
