import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { HelixError } from '../errors.js';
import { runtimePaths, type RuntimePaths } from './paths.js';
import { ensureRuntime } from './runtime.js';
import { neo4jSettings, toProperties } from './settings.js';

export interface LocalNeo4jState {
  pid: number;
  uri: string;
  home: string;
  startupMs?: number;
}

export interface StartOptions {
  home?: string;
  port?: number;
  auth?: boolean;
  password?: string;
  heap?: string;
  pagecache?: string;
  log?: (msg: string) => void;
  timeoutMs?: number;
}

export interface StartResult extends LocalNeo4jState {
  /** False when an already running instance of this checkout was reused. */
  started: boolean;
  elapsedMs: number;
}

/** Returns the running local instance of this home, if its process is alive and Bolt accepts connections. */
export async function localNeo4jStatus(home?: string): Promise<LocalNeo4jState | undefined> {
  const p = runtimePaths(home);
  const state = readState(p);
  if (!state || !isAlive(state.pid)) return undefined;
  const { port } = new URL(state.uri.replace('bolt://', 'http://'));
  return (await portAnswers(Number(port))) ? state : undefined;
}

export async function startLocalNeo4j(o: StartOptions = {}): Promise<StartResult> {
  const began = Date.now();
  const log = o.log ?? (() => {});
  const p = runtimePaths(o.home);
  mkdirSync(p.instance, { recursive: true });
  const release = await acquireLock(p);
  try {
    const running = await localNeo4jStatus(o.home);
    if (running) return { ...running, started: false, elapsedMs: Date.now() - began };
    ensureRuntime(p, log);
    const port = o.port && o.port > 0 ? o.port : await choosePort();
    writeFileSync(p.settings, toProperties(neo4jSettings(p, {
      port,
      auth: o.auth ?? false,
      pagecache: o.pagecache ?? '1g',
    })));
    writeApocConf(p);
    rmSync(p.state, { force: true });
    const out = openSync(p.log, 'a');
    const child = spawn(
      'java',
      [
        `-Xms${o.heap ?? '2g'}`,
        `-Xmx${o.heap ?? '2g'}`,
        '-XX:+UseG1GC',
        '-XX:+ExitOnOutOfMemoryError',
        '-Dfile.encoding=UTF-8',
        '-cp',
        [`${p.lib}/*`, `${p.plugins}/*`, p.classes].join(':'),
        'HelixNeo4j',
        p.instance,
        p.settings,
        p.state,
      ],
      { detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    child.unref();
    log(`Starting Neo4j (pid ${child.pid}) on bolt://127.0.0.1:${port} ...`);
    const state = await waitForState(p, child.pid!, o.timeoutMs ?? 180_000);
    if (o.auth && o.password) await setInitialPassword(state.uri, o.password);
    return { ...state, started: true, elapsedMs: Date.now() - began };
  } finally {
    release();
  }
}

/** Stops the local instance of this home (SIGTERM, then SIGKILL after the grace period). */
export async function stopLocalNeo4j(home?: string, graceMs = 60_000): Promise<boolean> {
  const p = runtimePaths(home);
  const state = readState(p);
  if (!state || !isAlive(state.pid)) {
    rmSync(p.state, { force: true });
    return false;
  }
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(state.pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
  rmSync(p.state, { force: true });
  return true;
}

async function waitForState(p: RuntimePaths, pid: number, timeoutMs: number): Promise<LocalNeo4jState> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = readState(p);
    if (state && state.pid === pid) return state;
    if (!isAlive(pid)) {
      const tail = existsSync(p.log) ? readFileSync(p.log, 'utf8').slice(-3000) : '';
      throw new HelixError('DATABASE_UNAVAILABLE', `Neo4j exited during start-up. Log (${p.log}):\n${tail}`);
    }
    await sleep(250);
  }
  throw new HelixError('DATABASE_UNAVAILABLE', `Neo4j did not become ready within ${timeoutMs} ms; see ${p.log}`);
}

/** A fresh instance with auth on only knows neo4j/neo4j, which must be changed before any other use. */
async function setInitialPassword(uri: string, password: string): Promise<void> {
  const probe = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
  try {
    await probe.verifyAuthentication();
    return;
  } catch {
    // not set yet
  } finally {
    await probe.close();
  }
  const initial = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    await initial.executeQuery('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: 'neo4j', new: password }, {
      database: 'system',
    });
  } finally {
    await initial.close();
  }
}

function readState(p: RuntimePaths): LocalNeo4jState | undefined {
  if (!existsSync(p.state)) return undefined;
  try {
    return JSON.parse(readFileSync(p.state, 'utf8')) as LocalNeo4jState;
  } catch {
    return undefined;
  }
}

async function acquireLock(p: RuntimePaths): Promise<() => void> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      closeSync(openSync(p.lock, 'wx'));
      writeFileSync(p.lock, String(process.pid));
      return () => rmSync(p.lock, { force: true });
    } catch {
      const owner = Number(readFileSync(p.lock, 'utf8') || 0);
      if (owner && !isAlive(owner)) rmSync(p.lock, { force: true });
      else if (Date.now() > deadline) throw new HelixError('DATABASE_UNAVAILABLE', `lock ${p.lock} held by ${owner}`);
      else await sleep(250);
    }
  }
}

async function choosePort(): Promise<number> {
  if (await portFree(7687)) return 7687;
  return freePort();
}

/** A loopback port free right now (the OS picks it); tests and benches start their servers on these. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.setTimeout(1000);
    sock.once('connect', () => (sock.destroy(), resolve(true)));
    sock.once('error', () => resolve(false));
    sock.once('timeout', () => (sock.destroy(), resolve(false)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * APOC reads its own settings from `<home>/conf/apoc.conf` (not from Neo4j's properties). Import is enabled so that
 * `apoc.import.graphml` can read Helix's GraphML exports (as bytes from a client, or from the instance's import
 * folder only: use_neo4j_config keeps file access inside it). Export to files stays off.
 */
function writeApocConf(p: RuntimePaths): void {
  mkdirSync(path.join(p.instance, 'conf'), { recursive: true });
  writeFileSync(path.join(p.instance, 'conf', 'apoc.conf'), 'apoc.import.file.enabled=true\napoc.import.file.use_neo4j_config=true\n');
}

