import { execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../../../src/project-root.js';
import { helixArgv, startServe } from '../../../support/helix-cli.js';

/**
 * API keys across real processes: two `helix serve` processes share one Neo4j and one Redis; keys come from the
 * `helix keys` CLI (the contract other tools script against) and are revoked through one server or the CLI; every
 * process refuses a revoked key from its next request on. The logs of every process are searched for the keys.
 */
const root = projectRoot();
const TOKEN = 'processes-test-token-0123456789-0123456789-0123456789';
let env: NodeJS.ProcessEnv;
const logs: string[] = [];
const servers: ChildProcess[] = [];

/**
 * Runs the CLI without blocking this process: a blocked event loop (spawnSync) misses the servers closing idle
 * keep-alive sockets, and the next fetch then fails on a dead one ("other side closed").
 */
function helix(args: string[]): Promise<string> {
  // LOG_LEVEL info: the CLI then logs warnings only, so stdout holds just the command's own output.
  return new Promise((resolve, reject) => {
    execFile(process.execPath, helixArgv(...args), { cwd: root, env: { ...env, LOG_LEVEL: 'info' }, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      logs.push(stderr);
      if (error) reject(new Error(`helix ${args.join(' ')} exited ${error.code}: ${stderr}`));
      else resolve(stdout);
    });
  });
}

async function serve(): Promise<string> {
  const index = logs.push('') - 1;
  const { child, url } = await startServe([], env, { timeoutMs: 180_000, onLog: (chunk) => (logs[index] += chunk) });
  servers.push(child);
  return url;
}

const ask = async (url: string, key: string, query = '{ graphInfo { graphVersion } }') => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as any };
};

let a: string;
let b: string;
const created: Array<{ id: string; key: string }> = [];

beforeAll(async () => {
  env = {
    ...process.env,
    NODE_ENV: 'test',
    NEO4J_URI: inject('neo4jUri'),
    REDIS_URL: inject('redisUrl'),
    HELIX_PORT: '0',
    HELIX_AUTH_MODE: 'keys',
    HELIX_AUTH_TOKEN: TOKEN,
    HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:keys:${Date.now()}`,
    LOG_LEVEL: 'debug',
  };
  // One after the other: the first server EXPLAINs the ~200 queries and records the check, the second then skips it
  // (src/db/check-queries.ts). Started together, both planned them all at once (> 80 s each on a loaded 2-core machine).
  a = await serve();
  b = await serve();
}, 200_000);

/** SIGTERM to every server still running, resolved when they have exited (their shutdown logs are in `logs`). */
const stopServers = () =>
  Promise.all(
    servers.map((s) =>
      s.exitCode !== null || s.signalCode !== null
        ? undefined
        : new Promise((r) => {
            s.once('exit', r);
            s.kill('SIGTERM');
          }),
    ),
  );

afterAll(stopServers);

describe('API keys across two server processes', () => {
  it('helix keys create --json prints {id, key}; the key works on both processes; keys list shows it without secret', async () => {
    for (const args of [['--role', 'admin', '--name', 'ops'], ['--role', 'viewer', '--namespace', 'jaffle_shop', '--expires', '30d'], ['--role', 'viewer']]) {
      const out = JSON.parse(await helix(['keys', 'create', ...args, '--json']));
      expect(Object.keys(out).sort()).toEqual(['id', 'key']);
      expect(out.key.length).toBeGreaterThanOrEqual(43);
      created.push(out);
    }
    const listed = JSON.parse(await helix(['keys', 'list', '--json'])) as Array<Record<string, unknown>>;
    const viewer = listed.find((k) => k.id === created[1]!.id)!;
    expect(viewer).toMatchObject({ role: 'viewer', namespaces: ['jaffle_shop'], name: null, revokedAt: null });
    expect(Date.parse(String(viewer.expiresAt)) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(JSON.stringify(listed)).not.toContain(created[1]!.key.slice(-43));
  });

  it('a key revoked through one process is refused by the other at once', async () => {
    const [admin, , viewer] = created as [{ id: string; key: string }, unknown, { id: string; key: string }];
    for (const url of [a, b]) expect((await ask(url, viewer.key)).status).toBe(200);
    const revoked = await ask(a, admin.key, `mutation { revokeApiKey(id: "${viewer.id}") { id revoked } }`);
    expect(revoked.body.data.revokeApiKey.revoked).toBeTruthy();
    const onB = await ask(b, viewer.key);
    expect(onB.status).toBe(401);
    expect(onB.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await ask(a, viewer.key)).status).toBe(401);
  });

  it('helix keys revoke ID takes effect on both processes; the audit trail names who did what', async () => {
    const [admin, scoped] = created as [{ id: string; key: string }, { id: string; key: string }];
    expect((await ask(b, scoped.key, '{ capsules(first: 1) { totalCount } }')).status).toBe(200);
    expect(await helix(['keys', 'revoke', scoped.id])).toContain(`revoked ${scoped.id}`);
    for (const url of [a, b]) expect((await ask(url, scoped.key)).status).toBe(401);
    const audit = await ask(b, admin.key, '{ auditEvents(first: 20) { nodes { actor action targets outcome requestId } } }');
    const events = audit.body.data.auditEvents.nodes as Array<{ actor: string; action: string; targets: string[]; outcome: string; requestId: string | null }>;
    expect(events).toContainEqual(expect.objectContaining({ actor: 'cli', action: 'keys.revoke', targets: [scoped.id], outcome: 'ok' }));
    expect(events).toContainEqual(expect.objectContaining({ actor: admin.id, action: 'revokeApiKey', targets: [created[2]!.id], outcome: 'ok' }));
    expect(events.filter((e) => e.action === 'keys.create' && e.actor === 'cli').length).toBeGreaterThanOrEqual(3);
    await helix(['ingest', 'openlineage', path.join(root, 'src/demo/data/openlineage/daily_load.ndjson'), '--json']);
    const ingestions = await ask(a, admin.key, '{ auditEvents(filter: { action: "ingestion", actor: "cli" }) { nodes { targets outcome details } } }');
    expect(ingestions.body.data.auditEvents.nodes[0]).toMatchObject({ targets: [expect.stringMatching(/^urn:helix:ingestion:/)], outcome: 'ok', details: { kind: 'openlineage' } });
    const viewerAsks = await ask(b, TOKEN, '{ apiKeys { id } }');
    expect(viewerAsks.body.data.apiKeys.length).toBeGreaterThanOrEqual(3); // HELIX_AUTH_TOKEN is an admin key
  });

  it('a subscription open on one process ends with UNAUTHENTICATED within seconds of `helix keys revoke`', async () => {
    const made = JSON.parse(await helix(['keys', 'create', '--role', 'viewer', '--namespace', 'sched', '--json'])) as { id: string; key: string };
    created.push(made);
    const abort = new AbortController();
    const res = await fetch(b, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${made.key}` },
      body: JSON.stringify({ query: 'subscription { ingestionProgress { id status } }' }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const ended = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch((err: unknown) => {
          throw new Error(`stream failed after ${JSON.stringify(text)}: ${String((err as { cause?: unknown }).cause ?? err)}`);
        });
        if (done) return text;
        text += new TextDecoder().decode(value);
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 500)); // open and quiet
      expect(await helix(['keys', 'revoke', made.id])).toContain(`revoked ${made.id}`);
      const revokedAt = Date.now();
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`stream still open 6 s after the revocation: ${text}`)), 6000));
      const all = await Promise.race([ended, timeout]);
      expect(Date.now() - revokedAt).toBeLessThan(6000);
      const data = [...all.matchAll(/^data: (.+)$/gm)].map((m) => JSON.parse(m[1]!) as { errors?: Array<{ extensions: { code: string } }> });
      expect(data.at(-1)?.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    } finally {
      abort.abort();
    }
  });

  it('no process logged a key it handled, from start to exit', async () => {
    // A key made through the API (its answer carries the key), used on the other process, bare and as a Bearer.
    const made = await ask(a, TOKEN, 'mutation { createApiKey(input: { role: viewer, name: "log probe" }) { id key } }');
    const apiKey = made.body.data.createApiKey as { id: string; key: string };
    created.push(apiKey);
    expect((await ask(b, apiKey.key)).status).toBe(200);
    const bare = await fetch(b, { method: 'POST', headers: { 'content-type': 'application/json', authorization: apiKey.key }, body: JSON.stringify({ query: '{ graphInfo { graphVersion } }' }) });
    expect(bare.status).toBe(200);
    // Wrong and revoked keys, in headers and in a query's text, are logged nowhere either.
    const wrong = 'hlx_0000000000000000_' + 'W'.repeat(43);
    expect((await ask(a, wrong)).status).toBe(401);
    expect((await ask(b, created[2]!.key)).status).toBe(401);
    await ask(a, apiKey.key, `{ node(id: "${wrong}") { id } }`);
    // The whole run: both servers stopped, so what they log while shutting down is searched too.
    await stopServers();
    const all = logs.join('\n');
    expect(all.length).toBeGreaterThan(1000); // debug request lines of both servers
    expect(all).toMatch(/shut|stop|clos/i); // the shutdown is in the logs searched
    for (const k of created) expect(all).not.toContain(k.key.slice(-43));
    expect(all).not.toContain('W'.repeat(43));
    expect(all).not.toContain(TOKEN);
  });
});
