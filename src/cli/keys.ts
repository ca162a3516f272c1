import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys.js';
import { recordAudit } from '../auth/audit.js';
import { announceKeyRevocation, UNANNOUNCED_REVOCATION } from '../auth/key-cache.js';
import { withHelix } from './bootstrap.js';
import type { CreateKeyFlags } from './keys-command.js';

/** The CLI acts as `cli` in the audit trail: whoever can run it holds the database credentials anyway. */
const ACTOR = 'cli';

export async function create(flags: CreateKeyFlags): Promise<void> {
  await withHelix({ migrate: true }, async (helix) => {
    const created = await createApiKey(helix.exec, { role: flags.role, namespaces: flags.namespace, name: flags.name, expires: flags.expires, createdBy: ACTOR });
    await recordAudit(helix.exec, { actor: ACTOR, action: 'keys.create', targets: [created.id], outcome: 'ok', details: { role: flags.role, namespaces: flags.namespace, name: flags.name ?? null, expires: created.info.expiresAt } });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ id: created.id, key: created.key })}\n`);
      return;
    }
    const scope = created.info.namespaces ? `namespaces ${created.info.namespaces.join(', ')}` : 'every namespace';
    process.stderr.write(`API key ${created.id}: ${created.info.role}, ${scope}${created.info.expiresAt ? `, expires ${created.info.expiresAt}` : ''}.\n`);
    process.stderr.write('Store it now: it is shown this once (send it as Authorization: Bearer <key>).\n');
    process.stdout.write(`${created.key}\n`);
  });
}

export async function list(flags: { json?: boolean }): Promise<void> {
  await withHelix({ migrate: true }, async (helix) => {
    const keys = await listApiKeys(helix.exec);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      return;
    }
    if (keys.length === 0) return void process.stdout.write('no API keys (helix keys create --role viewer)\n');
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt}` : k.expiresAt && Date.parse(k.expiresAt) <= Date.now() ? `expired ${k.expiresAt}` : 'active';
      const fields = [k.id, k.role, k.namespaces?.join(',') ?? '*', k.name ?? '-', `created ${k.createdAt}`, `last used ${k.lastUsedAt ?? 'never'}`, state];
      process.stdout.write(`${fields.join('\t')}\n`);
    }
  });
}

export async function revoke(id: string, flags: { json?: boolean }): Promise<void> {
  // The shared cache (Redis) carries the revocation to every server process (src/auth/key-cache.ts).
  await withHelix({ migrate: true, cache: true }, async (helix) => {
    let outcome = 'ok';
    try {
      const r = await revokeApiKey(helix.exec, id, ACTOR);
      if (!(await announceKeyRevocation(helix.cache))) process.stderr.write(`warning: ${UNANNOUNCED_REVOCATION}\n`);
      process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : `revoked ${r.id} at ${r.revokedAt}\n`);
    } catch (error) {
      outcome = `error: ${(error as { code?: string }).code ?? 'INTERNAL'}`;
      throw error;
    } finally {
      await recordAudit(helix.exec, { actor: ACTOR, action: 'keys.revoke', targets: [id], outcome });
    }
  });
}
