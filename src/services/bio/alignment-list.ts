import { requireQueries } from '../../db/registry.js';
import { pageSize } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { decodeKeyset, keysetPage, optionalText, storedRows, type KeysetPage } from './keyset-cursor.js';

const Q = requireQueries(['bio/list-alignments', 'bio/count-alignments'] as const);

export interface AlignmentFilter {
  /** Base name of the report the alignment was read from. */
  sourceFile?: string | null;
  /** water, needle, blastp, ... (case-insensitive). */
  program?: string | null;
  /** Urn of a protein or sequence that is the query or the reference. */
  sequence?: string | null;
}

/** alignments(filter, first, after): alignments in urn order, keyset-paged. */
export async function listAlignments(
  s: ServiceContext,
  args: { filter?: AlignmentFilter | null; first?: number | null; after?: string | null },
): Promise<KeysetPage> {
  const first = pageSize(args.first, 50);
  const [after] = decodeKeyset('alignments', args.after, 1) ?? [''];
  const f = args.filter ?? {};
  const params = {
    sourceFile: optionalText('filter.sourceFile', f.sourceFile),
    program: optionalText('filter.program', f.program, 100)?.toLowerCase() ?? null,
    sequence: optionalText('filter.sequence', f.sequence, 2000),
  };
  const rows = storedRows(await s.exec.read(Q['bio/list-alignments'], { ...params, after: String(after), first: first + 1 }, s.query));
  return keysetPage('alignments', rows, first, (r) => [r.urn], async () => {
    const [row] = await s.exec.read(Q['bio/count-alignments'], params, s.query);
    return Number(row?.total ?? 0);
  });
}
