import { INGESTERS } from '../../ingestion/registry.js';

/**
 * Jobs go to one BullMQ queue per family of kinds, so `helix worker --kinds dbt,bio` consumes only those families
 * (BullMQ workers cannot filter one queue by job type). `--kinds` takes family names or ingestion kinds.
 */
export const QUEUE_FAMILIES = ['dbt', 'bio', 'openlineage', 'provenance', 'conformance'] as const;
export type QueueFamily = (typeof QUEUE_FAMILIES)[number];

const BIO = new Set(['hgnc', 'genes', 'uniprot', 'proteins', 'annotations', 'alignments', 'bio']);

export function familyOf(kind: string): QueueFamily {
  if (kind === 'dbt' || kind === 'openlineage' || kind === 'conformance') return kind;
  return BIO.has(kind) ? 'bio' : 'provenance';
}

/** The BullMQ queue name of a family. */
export const queueName = (family: QueueFamily) => `helix-${family}`;

/** `--kinds dbt,bio` → the families to consume; unknown names are refused. */
export function parseKinds(list: string | undefined): QueueFamily[] {
  if (!list || list.trim() === '') return [...QUEUE_FAMILIES];
  const out = new Set<QueueFamily>();
  for (const raw of list.split(',').map((k) => k.trim()).filter(Boolean)) {
    if ((QUEUE_FAMILIES as readonly string[]).includes(raw)) out.add(raw as QueueFamily);
    else if (Object.hasOwn(INGESTERS, raw)) out.add(familyOf(raw));
    else throw new Error(`unknown kind '${raw}' in --kinds; known: ${[...QUEUE_FAMILIES, ...Object.keys(INGESTERS)].join(', ')}`);
  }
  return [...out];
}
