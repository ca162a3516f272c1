import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { HelixError, badInput } from '../errors.js';
import { assertNamespace } from './namespace-name.js';
import type { Principal } from './principal.js';
import { generateKey, parseKey, secretMatches } from './key-secret.js';
import { isRole, ROLES, type Role } from './roles.js';

const Q = requireQueries([
  'auth/create-api-key',
  'auth/get-api-key',
  'auth/list-api-keys',
  'auth/revoke-api-key',
  'auth/touch-api-key',
] as const);

export interface CreateKeyInput {
  role: string;
  namespaces?: readonly string[] | null;
  name?: string | null;
  /** An ISO date or date-time, or a duration from now: `30d`, `12h`, `90m`. */
  expires?: string | null;
  /** Who creates it (a key id, `token`, `cli`...), for the audit trail. */
  createdBy: string;
}

export interface ApiKeyInfo {
  id: string;
  name: string | null;
  role: Role;
  namespaces: string[] | null;
  createdAt: string | null;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Creates a key and returns its plain form, the only time it exists outside the caller's hands. */
export async function createApiKey(exec: Executor, input: CreateKeyInput, ctx: QueryContext = {}): Promise<{ id: string; key: string; info: ApiKeyInfo }> {
  if (!isRole(input.role)) throw badInput(`role '${input.role}' is not one of ${ROLES.join(', ')}`);
  const namespaces = input.namespaces && input.namespaces.length > 0 ? [...new Set(input.namespaces)].sort() : null;
  for (const ns of namespaces ?? []) assertNamespace(ns);
  const name = input.name?.trim() || null;
  if (name && name.length > 200) throw badInput('a key name has at most 200 characters');
  const expiresAt = input.expires ? expiryDate(input.expires) : null;
  const { id, key, hash } = generateKey();
  await exec.write(Q['auth/create-api-key'], { id, name, role: input.role, namespaces, hash, createdBy: input.createdBy, expiresAt }, { ...ctx, op: 'keys create' });
  const info = (await listApiKeys(exec, ctx)).find((k) => k.id === id);
  if (!info) throw new HelixError('INTERNAL', 'the new key was not found after it was written');
  return { id, key, info };
}

export async function listApiKeys(exec: Executor, ctx: QueryContext = {}): Promise<ApiKeyInfo[]> {
  const rows = await exec.read(Q['auth/list-api-keys'], {}, { ...ctx, op: 'keys list' });
  return rows.map((r) => ({
    id: String(r.id),
    name: (r.name as string | null) ?? null,
    role: r.role as Role,
    namespaces: Array.isArray(r.namespaces) ? r.namespaces.map(String) : null,
    createdAt: (r.createdAt as string | null) ?? null,
    createdBy: (r.createdBy as string | null) ?? null,
    lastUsedAt: (r.lastUsedAt as string | null) ?? null,
    expiresAt: (r.expiresAt as string | null) ?? null,
    revokedAt: (r.revokedAt as string | null) ?? null,
  }));
}

/** Revokes a key; NOT_FOUND for an unknown id. Every server process refuses it from its next request on. */
export async function revokeApiKey(exec: Executor, id: string, revokedBy: string, ctx: QueryContext = {}): Promise<{ id: string; revokedAt: string }> {
  const [row] = await exec.write(Q['auth/revoke-api-key'], { id, revokedBy }, { ...ctx, op: 'keys revoke' });
  if (!row) throw new HelixError('NOT_FOUND', `no API key with id ${id}`);
  return { id: String(row.id), revokedAt: String(row.revokedAt) };
}

/** `lastUsedAt` is written at most once a minute per key and process: a write per request would cost every read. */
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();

/**
 * The principal of a presented key, or undefined when it is not a valid, unexpired, unrevoked key (one indexed
 * lookup; the server remembers verified keys under the revocation epoch, src/auth/key-cache.ts).
 */
export async function verifyApiKey(exec: Executor, presented: string, ctx: QueryContext = {}): Promise<Principal | undefined> {
  return (await verifyApiKeyWithExpiry(exec, presented, ctx))?.principal;
}

/** verifyApiKey, with the key's expiry (a remembered key is never trusted past it). */
export async function verifyApiKeyWithExpiry(exec: Executor, presented: string, ctx: QueryContext = {}): Promise<{ principal: Principal; expiresAt: string | null } | undefined> {
  const parsed = parseKey(presented);
  if (!parsed) return undefined;
  const [row] = await exec.read(Q['auth/get-api-key'], { id: parsed.id }, { ...ctx, op: 'keys verify' });
  if (!row || typeof row.hash !== 'string' || !secretMatches(parsed.secret, row.hash)) return undefined;
  if (row.revokedAt) return undefined;
  if (typeof row.expiresAt === 'string' && Date.parse(row.expiresAt) <= Date.now()) return undefined;
  if (!isRole(row.role)) return undefined;
  const now = Date.now();
  if ((touched.get(parsed.id) ?? 0) + TOUCH_EVERY_MS <= now) {
    touched.set(parsed.id, now);
    void exec.write(Q['auth/touch-api-key'], { id: parsed.id }, { op: 'keys touch' }).catch(() => undefined);
  }
  const principal: Principal = { kind: 'key', id: parsed.id, role: row.role, namespaces: Array.isArray(row.namespaces) ? row.namespaces.map(String) : null };
  return { principal, expiresAt: typeof row.expiresAt === 'string' ? row.expiresAt : null };
}

/** `--expires`: an ISO date (end of that day is not implied: midnight UTC) or date-time, or `<n>d|h|m` from now. */
export function expiryDate(value: string, now = Date.now()): string {
  const rel = /^(\d{1,5})([dhm])$/.exec(value.trim());
  const ms = rel ? now + Number(rel[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[rel[2] as 'd' | 'h' | 'm'] : Date.parse(value);
  if (!Number.isFinite(ms)) throw badInput(`expires '${value}' is neither a date (2027-01-31, 2027-01-31T12:00:00Z) nor a duration (30d, 12h, 90m)`);
  if (ms <= now) throw badInput(`expires '${value}' is in the past`);
  return new Date(ms).toISOString();
}
