import type { z } from 'zod';
import { CRITICAL_FIELDS } from './common.js';

/** Containers whose single members are dropped instead of the whole container (one bad column, not all). */
const MEMBER_CONTAINERS = new Set(['columns', 'config', 'meta', 'stats']);
const MAX_REPAIRS = 20;

export type Validated<T> =
  | { ok: true; value: T; droppedFields: string[] }
  | { ok: false; reason: string };

/**
 * Validates one artifact entry. An entry whose identity fields are unusable fails; any other invalid field is
 * dropped (and named in `droppedFields`) so the rest of the entry still ingests.
 */
export function validateEntry<S extends z.ZodType>(
  schema: S,
  input: unknown,
  critical: ReadonlySet<string> = CRITICAL_FIELDS,
): Validated<z.infer<S>> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, reason: 'entry is not an object' };
  }
  let candidate: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const droppedFields: string[] = [];
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    const result = schema.safeParse(candidate);
    if (result.success) return { ok: true, value: result.data as z.infer<S>, droppedFields };
    const paths = result.error.issues.map((issue) => issue.path.map(String));
    const fatal = paths.find((path) => path.length === 0 || critical.has(path[0] as string));
    if (fatal) {
      const field = fatal.join('.') || '(entry)';
      return { ok: false, reason: `invalid ${field}: ${result.error.issues[0]?.message ?? 'invalid'}` };
    }
    for (const path of paths) {
      const dropped = dropField(candidate, path);
      if (dropped) {
        candidate = dropped.next;
        droppedFields.push(dropped.field);
      }
    }
  }
  return { ok: false, reason: 'too many invalid fields' };
}

function dropField(
  entry: Record<string, unknown>,
  path: string[],
): { next: Record<string, unknown>; field: string } | undefined {
  const [head, member] = path as [string, string | undefined];
  if (!(head in entry)) return undefined;
  const container = entry[head];
  if (MEMBER_CONTAINERS.has(head) && member !== undefined && isObject(container) && member in container) {
    const rest = { ...container };
    delete rest[member];
    return { next: { ...entry, [head]: rest }, field: `${head}.${member}` };
  }
  const next = { ...entry };
  delete next[head];
  return { next, field: head };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
