/** The view's state as the URL holds it: `?urn=&direction=&depth=&level=` (lineage), `&mode=` (provenance), `?q=`. */
export type Direction = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';
export type Level = 'TABLE' | 'COLUMN';
export type Mode = 'LINEAGE' | 'HOW_MADE' | 'WHAT_USED';

export interface ViewState {
  urn?: string;
  direction: Direction;
  depth: number;
  level: Level;
  mode: Mode;
  q?: string;
}

export const DEFAULT_DEPTH = 3;
export const MAX_DEPTH = 50;
/** The node limit of every lineage/provenance request (the API's maximum). */
export const NODE_LIMIT = 5000;

const DIRECTIONS: Direction[] = ['UPSTREAM', 'DOWNSTREAM', 'BOTH'];
const LEVELS: Level[] = ['TABLE', 'COLUMN'];
const MODES: Mode[] = ['LINEAGE', 'HOW_MADE', 'WHAT_USED'];

function oneOf<T extends string>(value: string | null, allowed: T[], fallback: T): T {
  const upper = value?.toUpperCase();
  return allowed.find((a) => a === upper) ?? fallback;
}

export function parseState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const depth = Number.parseInt(p.get('depth') ?? '', 10);
  const urn = p.get('urn')?.trim();
  const q = p.get('q')?.trim();
  return {
    ...(urn ? { urn } : {}),
    ...(q ? { q } : {}),
    direction: oneOf(p.get('direction'), DIRECTIONS, 'BOTH'),
    depth: Number.isFinite(depth) ? Math.min(Math.max(depth, 1), MAX_DEPTH) : DEFAULT_DEPTH,
    level: oneOf(p.get('level'), LEVELS, 'TABLE'),
    mode: oneOf(p.get('mode'), MODES, 'LINEAGE'),
  };
}

export function stateQuery(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.urn) {
    p.set('urn', s.urn);
    if (s.mode === 'LINEAGE') p.set('direction', s.direction);
    p.set('depth', String(s.depth));
    if (s.mode === 'LINEAGE') p.set('level', s.level);
    else p.set('mode', s.mode);
  } else if (s.q) {
    p.set('q', s.q);
  }
  const text = p.toString();
  return text ? `?${text}` : '';
}
