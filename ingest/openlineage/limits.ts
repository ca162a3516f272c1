import { tooDeep } from '../common/nesting.js';

/**
 * What an event may hold before any of it is mapped, so that a bad event is a 400 with reasons and never a 500
 * behind a partly written batch: names become URNs that Neo4j indexes (a key above ~8 KB cannot be indexed), and
 * facets are walked recursively (Spark plan facets nest a few hundred levels; 5,000 overflowed the stack).
 */
export const EVENT_LIMITS = { namespaceBytes: 1024, nameBytes: 4096, depth: 500 } as const;

/** Reasons the event exceeds EVENT_LIMITS (empty when it does not). */
export function eventLimitErrors(event: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const deep = tooDeep(event, EVENT_LIMITS.depth);
  if (deep !== undefined) errors.push(`the event is nested deeper than ${EVENT_LIMITS.depth} levels (at ${deep})`);
  for (const [where, named] of namedParts(event)) {
    size(named.namespace, `${where}.namespace`, EVENT_LIMITS.namespaceBytes, errors);
    size(named.name, `${where}.name`, EVENT_LIMITS.nameBytes, errors);
  }
  return errors;
}

type Named = { namespace?: unknown; name?: unknown };

function namedParts(event: Record<string, unknown>): Array<[string, Named]> {
  const parts: Array<[string, Named]> = [];
  const add = (where: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) parts.push([where, v as Named]);
  };
  add('job', event.job);
  add('dataset', event.dataset);
  for (const side of ['inputs', 'outputs'] as const) {
    const list = event[side];
    if (Array.isArray(list)) list.forEach((d, i) => add(`${side}[${i}]`, d));
  }
  const parent = (event.run as { facets?: { parent?: { job?: unknown } } } | undefined)?.facets?.parent?.job;
  add('run.facets.parent.job', parent);
  return parts;
}

function size(value: unknown, where: string, max: number, errors: string[]): void {
  if (typeof value !== 'string') return;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > max) errors.push(`${where} is ${bytes} bytes long (at most ${max})`);
}
