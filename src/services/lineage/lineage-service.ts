import { badInput, HelixError } from '../../errors.js';
import { expandOneWay, type OneWayLineage } from './expand.js';
import { boundedInt, labelList, LIMITS, requireUrn } from './limits.js';
import { mergeLineage } from './merge.js';
import { cachedResult } from './result-cache.js';
import type { ServiceContext } from './service-context.js';
import type { Direction, LineageDirection, LineageFilter, LineageGraph, LineageLevel, LineageRequest } from './types.js';

export interface LineageArgs {
  urn: string;
  direction?: LineageDirection | null;
  depth?: number | null;
  level?: LineageLevel | null;
  filter?: LineageFilter | null;
  limit?: number | null;
}

/** Validates and bounds the arguments of lineage(...): the request that is computed and cached. */
export function lineageRequest(args: LineageArgs): LineageRequest {
  const level = args.level ?? 'TABLE';
  const filter: LineageFilter = {
    types: labelList('filter.types', args.filter?.types),
    excludeTypes: labelList('filter.excludeTypes', args.filter?.excludeTypes),
  };
  if (level === 'COLUMN' && (filter.types!.length > 0 || filter.excludeTypes!.length > 0)) {
    throw badInput('filter applies to TABLE lineage only (column lineage has columns of every capsule type)', { argument: 'filter' });
  }
  const unboundedDepth = args.depth === undefined || args.depth === null;
  return {
    urn: requireUrn('urn', args.urn),
    direction: args.direction ?? 'BOTH',
    level,
    depth: boundedInt('depth', args.depth, LIMITS.maxDepth, LIMITS.maxDepth),
    unboundedDepth,
    limit: boundedInt('limit', args.limit, LIMITS.defaultLineageLimit, LIMITS.maxLineageLimit),
    filter,
  };
}

/**
 * What of the answer the caller will read: a question about the nodes alone skips computing edges and frontier
 * (`truncated` needs both: the frontier of a merged BOTH answer comes from its edges).
 */
export interface LineageParts {
  edges: boolean;
  frontier: boolean;
}
const ALL_PARTS: LineageParts = { edges: true, frontier: true };

/** lineage(...): the distinct lineage subgraph around a capsule or column, cached by graph version. */
export async function getLineage(s: ServiceContext, args: LineageArgs, parts: LineageParts = ALL_PARTS): Promise<LineageGraph> {
  const req = lineageRequest(args);
  const key = parts.edges && parts.frontier ? req : { ...req, parts };
  return cachedResult(s, 'lineage', key, () => computeLineage(s, req, parts));
}

export async function computeLineage(s: ServiceContext, req: LineageRequest, want: LineageParts = ALL_PARTS): Promise<LineageGraph> {
  const ways: Direction[] = req.direction === 'BOTH' ? ['UPSTREAM', 'DOWNSTREAM'] : [req.direction];
  const parts = await Promise.all(
    ways.map((way) =>
      expandOneWay(s, {
        urn: req.urn,
        way,
        level: req.level,
        depth: req.depth,
        limit: req.limit,
        filter: req.filter,
        probeBeyond: req.unboundedDepth,
        withEdges: want.edges,
        withFrontier: want.frontier,
      }),
    ),
  );
  const found = parts.filter((p): p is OneWayLineage => p !== undefined);
  if (found.length < parts.length) throw new HelixError('NOT_FOUND', `no node with urn ${req.urn}`, { urn: req.urn });
  assertRootFitsLevel(req, found[0]!.nodes[0]!.labels);
  return mergeLineage(req, found);
}

/** Table lineage of a column (or column lineage of a table) is a mistake worth a clear message. */
export function assertRootFitsLevel(req: { urn: string; level: LineageLevel }, labels: string[]): void {
  const isColumn = labels.includes('Column');
  if (req.level === 'TABLE' && isColumn) {
    throw badInput(`${req.urn} is a Column: ask for level: COLUMN to follow column lineage`, { argument: 'level' });
  }
  if (req.level === 'COLUMN' && !isColumn) {
    throw badInput(`${req.urn} is not a Column: level: COLUMN starts from a column urn (<capsule urn>#<column>)`, { argument: 'level' });
  }
}
