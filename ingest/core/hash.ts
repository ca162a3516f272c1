import { createHash } from 'node:crypto';
import type { Props } from './graph.js';

/** Property maps without undefined values, keys sorted, so equal content always hashes equally. */
export function cleanProps(props: Props | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!props) return out;
  for (const key of Object.keys(props).sort()) {
    const v = props[key];
    if (v !== undefined && !(typeof v === 'number' && !Number.isFinite(v))) out[key] = v;
  }
  return out;
}

export function contentHash(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
