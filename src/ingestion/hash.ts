import { createHash } from 'node:crypto';
import { BOOKKEEPING_PROPS, type Props } from '../../ingest/core/graph.js';

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

export { BOOKKEEPING_PROPS };

/** A stored property map without the writer's bookkeeping. */
export function contentProps(stored: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stored).filter(([k]) => !BOOKKEEPING_PROPS.has(k)));
}
