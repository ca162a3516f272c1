/** What the writer and the history add to a node's properties: never part of its content. */
const NOT_CONTENT = new Set([
  'urn',
  'contentHash',
  'ingestScope',
  'firstSeenAt',
  'writtenAt',
  'reference',
  'versionId',
  'versionScope',
  'versionLabels',
  'versionFromAt',
  'versionToAt',
  'versionTo',
  'versionEnd',
]);

/** A stored (live or version) property map without bookkeeping. */
export function contentFields(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !NOT_CONTENT.has(k)));
}

/** A version's properties as the live node had them (for resolvers that read node properties). */
export function liveProps(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith('version') || k === 'version'));
}
