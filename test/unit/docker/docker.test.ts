import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The Compose Specification's JSON schema, as bundled by the dclint package (MIT).
const COMPOSE_SCHEMA = 'node_modules/dclint/schemas/compose.schema.json';
const ENV = { NEO4J_PASSWORD: 'pw-for-validation', HELIX_AUTH_TOKEN: 'token-for-validation' };

/** Compose's variable interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (whole, name?: string, op?: string, arg?: string) => {
    if (whole === '$$') return '$';
    const value = env[name!];
    if (op?.endsWith('?') && (value === undefined || (op === ':?' && value === ''))) throw new Error(`${name} is required: ${arg}`);
    if (op?.endsWith('-') && (value === undefined || (op === ':-' && value === ''))) return arg ?? '';
    return value ?? '';
  });
}

const raw = readFileSync('docker-compose.yml', 'utf8');
const compose = parse(interpolate(raw, ENV)) as {
  services: Record<string, { environment?: Record<string, string>; healthcheck?: { test: string[] }; entrypoint?: string[]; command?: string[]; deploy?: { replicas?: number }; ports?: string[]; volumes?: string[] }>;
};

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema once its variables are interpolated', () => {
    // The schema names draft-07 by its https address, which Ajv does not know by that name: it is draft-07 all the same.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(COMPOSE_SCHEMA, 'utf8')));
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('refuses to start without the secrets it needs', () => {
    expect(() => interpolate(raw, { HELIX_AUTH_TOKEN: 'x' })).toThrow(/NEO4J_PASSWORD is required/);
    expect(() => interpolate(raw, { NEO4J_PASSWORD: 'x' })).toThrow(/HELIX_AUTH_TOKEN is required/);
  });

  it('health checks use only variables their container sets (an unset one made api and worker wait forever)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const test = (service.healthcheck?.test ?? []).join(' ');
      for (const m of test.matchAll(/\$\{?(\w+)/g)) expect(Object.keys(service.environment ?? {}), `${name} healthcheck uses $${m[1]}`).toContain(m[1]);
    }
    expect(compose.services.neo4j!.healthcheck!.test.join(' ')).toContain(`-p '${ENV.NEO4J_PASSWORD}'`);
  });

  it('runs the worker through docker/worker.sh, which passes `docker compose run worker <args>` on to helix', () => {
    expect(compose.services.worker!.entrypoint).toEqual(['docker/worker.sh']);
    expect(spawnSync('sh', ['-n', 'docker/worker.sh']).status).toBe(0);
    const run = spawnSync('sh', ['docker/worker.sh', '--version'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const script = readFileSync('docker/worker.sh', 'utf8');
    expect(script).toContain('ingest dbt');
    expect(script).toContain('ingest openlineage');
  });
});

describe('docker-compose.yml at scale (docs/scaling.md)', () => {
  it('runs api x2 behind the load balancer and worker x2 (`helix worker --concurrency N`) on the same Redis and Neo4j', () => {
    const { api, worker, lb } = compose.services;
    expect(api!.deploy?.replicas).toBe(2);
    expect(worker!.deploy?.replicas).toBe(2);
    expect(worker!.command?.slice(0, 2)).toEqual(['worker', '--concurrency']);
    expect(Number(worker!.command?.[2])).toBeGreaterThan(0);
    for (const s of [api!, worker!]) {
      expect(s.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(s.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
    }
    // Replicas publish no host port (two would collide): the load balancer does.
    expect(api!.ports).toBeUndefined();
    expect(lb!.ports).toEqual(['4000:4000']);
    const conf = readFileSync('docker/nginx.conf', 'utf8');
    expect(conf).toMatch(/server api:4000/);
    expect(conf).toMatch(/proxy_buffering off/);
  });
});

describe('.dockerignore', () => {
  const rules = readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  it('leaves node_modules, .neo4j, dist and .git out of the build context and lets in what the Dockerfile copies', () => {
    expect(rules[0]).toBe('**');
    const included = rules.filter((r) => r.startsWith('!')).map((r) => r.slice(1).replace(/\/\*\*$/, ''));
    for (const heavy of ['node_modules', '.neo4j', 'dist', '.git']) expect(included).not.toContain(heavy);
    const copied = [...readFileSync('Dockerfile', 'utf8').matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(copied.length).toBeGreaterThan(3);
    for (const source of copied) expect(included).toContain(source.replace(/\/$/, ''));
  });
});
