import { readFileSync, existsSync } from 'node:fs';
import { configSchema, type Config } from './schema.js';
import { HelixError } from '../errors.js';
import { authMethods, authModeProblems } from '../auth/auth-mode.js';

/**
 * Settings come from the environment, optionally preceded by a KEY=VALUE file named by HELIX_CONFIG_FILE
 * (the environment wins). Unsafe production settings are refused here, before anything starts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.HELIX_CONFIG_FILE ? readEnvFile(env.HELIX_CONFIG_FILE) : {};
  const raw = { ...fromFile, ...stripEmpty(env) };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new HelixError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.HELIX_PERSISTED_OPERATIONS_ONLY && !parsed.data.HELIX_PERSISTED_OPERATIONS) {
    throw new HelixError('CONFIG_INVALID', 'Invalid configuration:\n  HELIX_PERSISTED_OPERATIONS_ONLY is on but HELIX_PERSISTED_OPERATIONS names no file of operations.');
  }
  const modeProblems = authModeProblems(parsed.data);
  if (modeProblems.length > 0) throw new HelixError('CONFIG_INVALID', `Invalid configuration:\n  ${modeProblems.join('\n  ')}`);
  const problems = productionProblems(parsed.data);
  if (problems.length > 0) {
    throw new HelixError('CONFIG_UNSAFE', `Refusing unsafe production settings:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** Whether a schema-disclosing feature is on: its explicit setting, else on everywhere but production. */
export function exposes(c: Config, setting: boolean | undefined): boolean {
  return setting ?? c.NODE_ENV !== 'production';
}

/** 32 random bytes, written as base64 (43 characters) or more. */
export const MIN_PRODUCTION_TOKEN_LENGTH = 43;

export function productionProblems(c: Config): string[] {
  if (c.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (authMethods(c).size === 0) {
    problems.push('HELIX_AUTH_TOKEN is unset and HELIX_AUTH_MODE is off: the API would run without authentication (set HELIX_AUTH_MODE=keys, oidc or token).');
  } else if (c.HELIX_AUTH_TOKEN && c.HELIX_AUTH_TOKEN.length < MIN_PRODUCTION_TOKEN_LENGTH) {
    // A 2-character token was guessed in 430 requests: production tokens carry at least 32 random bytes.
    problems.push(`HELIX_AUTH_TOKEN has ${c.HELIX_AUTH_TOKEN.length} characters: use at least ${MIN_PRODUCTION_TOKEN_LENGTH} random ones (openssl rand -hex 32).`);
  }
  if (!c.NEO4J_URI) problems.push('NEO4J_URI is unset: production needs a managed Neo4j, not the local one.');
  if (c.NEO4J_URI && !c.NEO4J_PASSWORD) problems.push('NEO4J_PASSWORD is unset.');
  if (c.HELIX_CORS_ORIGINS.split(',').some((o) => o.trim() === '*')) {
    problems.push('HELIX_CORS_ORIGINS contains "*": name the allowed origins.');
  }
  if (!c.REDIS_URL) problems.push('REDIS_URL is unset: cache and rate limits would be per-process only.');
  return problems;
}

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) throw new HelixError('CONFIG_INVALID', `HELIX_CONFIG_FILE ${file} does not exist`);
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
