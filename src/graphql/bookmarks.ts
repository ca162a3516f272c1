/**
 * Read-your-writes across requests in a Neo4j cluster. A mutation's answer carries the bookmarks of its writes in the
 * `helix-bookmark` response header; a client that sends that value back in the `helix-bookmark` request header has
 * its next reads wait until the server answering them has those writes (followers and read replicas lag the
 * leader). Without the header, reads may be served by a replica a little behind. Single-instance deployments need
 * nothing: every read there sees every committed write.
 */
export const BOOKMARK_HEADER = 'helix-bookmark';

/** At most this many bookmarks are taken from a request (one per database written is the norm). */
const MAX_BOOKMARKS = 16;

/** The bookmarks a request sends back (comma-separated), or undefined. */
export function bookmarksFrom(header: string | null | undefined): string[] | undefined {
  if (!header) return undefined;
  const list = header
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0 && b.length <= 1000)
    .slice(0, MAX_BOOKMARKS);
  return list.length > 0 ? list : undefined;
}

/** The header value for the bookmarks of a request's writes, or undefined when it wrote nothing. */
export function bookmarkHeader(written: ReadonlySet<string>): string | undefined {
  return written.size > 0 ? [...written].join(',') : undefined;
}
