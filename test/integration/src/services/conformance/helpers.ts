import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HelixContext } from '../../../../../src/app/context.js';

/** A writable copy of a dbt target folder. */
export function copyTarget(from: string): string {
  const work = mkdtempSync(path.join(os.tmpdir(), 'helix-conformance-'));
  cpSync(from, work, { recursive: true });
  return work;
}

export function editManifest(dir: string, fn: (m: Record<string, any>) => void): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  fn(m);
  writeFileSync(file, JSON.stringify(m));
}

export interface StoredViolation {
  urn: string;
  status: string;
  message: string;
  evidence: string[];
  history: string[];
}

/** Every violation, as comparable rows (history as status/by pairs). */
export async function violationState(helix: HelixContext): Promise<StoredViolation[]> {
  const rows = await helix.exec.runText(
    `MATCH (v:Violation) RETURN v.urn AS urn, v.status AS status, v.message AS message, v.evidence AS evidence,
            [i IN range(0, size(v.historyStatus) - 1) | v.historyStatus[i] + '/' + v.historyBy[i]] AS history ORDER BY urn`,
    {},
    'READ',
  );
  return rows as unknown as StoredViolation[];
}

export async function statusOf(helix: HelixContext, rule: string, subject: string): Promise<string | undefined> {
  const [row] = await helix.exec.runText(`MATCH (v:Violation {urn: $urn}) RETURN v.status AS status`, { urn: `urn:helix:violation:${rule}|${subject}` }, 'READ');
  return row?.status as string | undefined;
}
