import type { z } from 'zod';
import type { DbtColumnInfo, DbtOwnerInfo, DbtRef } from '../artifacts.js';
import type { column, owner, tags } from '../schema/common.js';

/** Empty strings count as absent: dbt writes '' for unset loader, alias in some packages, etc. */
export function text(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function tagList(...values: Array<z.infer<typeof tags>>): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (typeof value === 'string') {
      if (value.trim() !== '') out.add(value.trim());
    } else if (Array.isArray(value)) {
      for (const tag of value) if (tag.trim() !== '') out.add(tag.trim());
    }
  }
  return [...out];
}

export function versionText(value: string | number | null | undefined): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return text(value);
}

/** Windows checkouts write `models\\staging\\x.sql`. */
export function forwardSlashes(path: string | null | undefined): string | undefined {
  const clean = text(path);
  return clean === undefined ? undefined : clean.replace(/\\/g, '/');
}

export function mergeMeta(...metas: Array<Record<string, unknown> | null | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const meta of metas) if (meta) Object.assign(out, meta);
  return out;
}

export function normaliseRefs(refs: unknown[] | null | undefined): DbtRef[] {
  const out: DbtRef[] = [];
  for (const r of refs ?? []) {
    if (Array.isArray(r)) {
      const parts = r.filter((p): p is string => typeof p === 'string');
      const name = parts[parts.length - 1];
      if (name !== undefined) out.push(parts.length > 1 ? { name, package: parts[0] as string } : { name });
    } else if (r !== null && typeof r === 'object' && typeof (r as { name?: unknown }).name === 'string') {
      const { name, package: pkg, version } = r as { name: string; package?: unknown; version?: unknown };
      const v = typeof version === 'string' || typeof version === 'number' ? versionText(version) : undefined;
      out.push({ name, ...(typeof pkg === 'string' && text(pkg) ? { package: pkg } : {}), ...(v ? { version: v } : {}) });
    }
  }
  return out;
}

/** Manifest columns keyed by name; the key is used when the column has no `name`. */
export function normaliseColumns(
  columns: Record<string, z.infer<typeof column>> | null | undefined,
): DbtColumnInfo[] {
  const out: DbtColumnInfo[] = [];
  for (const [key, col] of Object.entries(columns ?? {})) {
    const name = text(col.name) ?? key;
    const description = text(col.description);
    const dataType = text(col.data_type);
    out.push({
      name,
      ...(description ? { description } : {}),
      ...(dataType ? { dataType } : {}),
      tags: tagList(col.tags),
      meta: col.meta ?? {},
      constraints: col.constraints ?? [],
    });
  }
  return out;
}

export function normaliseOwner(value: z.infer<typeof owner>): DbtOwnerInfo | undefined {
  if (typeof value === 'string') {
    const owner = text(value)?.trim();
    if (!owner) return undefined;
    return owner.includes('@') ? { email: owner } : { name: owner };
  }
  const email = text(value?.email);
  const name = text(value?.name);
  if (!email && !name) return undefined;
  return { ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

/** Drops undefined members so normalised objects stay small and compare cleanly in tests. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
