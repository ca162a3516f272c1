import { asArray, isObject, isUuid, sha256Hex, type JsonObject } from '../common/values.js';

/** An RO-Crate `@graph`, indexed by `@id`, with the crate's root and main workflow found. */
export class CrateGraph {
  readonly byId = new Map<string, JsonObject>();
  readonly duplicateIds: string[] = [];
  readonly rootId: string;
  readonly crateId: string;

  constructor(
    graph: unknown[],
    text: string,
    crateIdOption?: string,
  ) {
    for (const entity of graph) {
      if (!isObject(entity) || typeof entity['@id'] !== 'string') continue;
      const id = entity['@id'];
      const existing = this.byId.get(id);
      if (existing) {
        // JSON-LD allows one node to be described in several places; merge instead of overwriting.
        this.duplicateIds.push(id);
        for (const [key, value] of Object.entries(entity)) {
          existing[key] = existing[key] === undefined ? value : mergeValues(existing[key], value);
        }
      } else {
        this.byId.set(id, { ...entity });
      }
    }
    const descriptor = [...this.byId.values()].find(
      (e) => typeof e['@id'] === 'string' && e['@id'].endsWith('ro-crate-metadata.json') && isObject(e.about),
    );
    this.rootId = (descriptor && refIds(descriptor.about)[0]) ?? './';
    const root = this.byId.get(this.rootId);
    const identifier = root ? refIds(root.identifier)[0] ?? (typeof root.identifier === 'string' ? root.identifier : undefined) : undefined;
    // Relative @ids only mean something inside one crate; they are scoped by the crate's identity.
    this.crateId = crateIdOption ?? identifier ?? `crate-${sha256Hex(text).slice(0, 16)}`;
  }

  get(id: string): JsonObject | undefined {
    return this.byId.get(id);
  }

  get root(): JsonObject | undefined {
    return this.byId.get(this.rootId);
  }

  get mainEntityId(): string | undefined {
    return this.root ? refIds(this.root.mainEntity)[0] : undefined;
  }

  /** A crate-independent id: absolute URIs and `#<uuid>` fragments as they are, other ids prefixed by the crate. */
  qualify(id: string): string {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(id)) return id;
    if (id.startsWith('#') && isUuidLike(id.slice(1))) return id;
    return `${this.crateId}/${id}`;
  }

  entitiesOfType(type: string): JsonObject[] {
    return [...this.byId.values()].filter((e) => types(e).includes(type));
  }
}

/** `4154dad3-…` or a prefixed `wfrun-5a5970ab-…`: unique without the crate around it. */
function isUuidLike(fragment: string): boolean {
  const unprefixed: string = fragment.replace(/^[a-z-]+-(?=[0-9a-f]{8}-)/i, '');
  return isUuid(unprefixed);
}

function mergeValues(a: unknown, b: unknown): unknown {
  const list = [...asArray(a), ...asArray(b)];
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `@type` as a list, whether the crate wrote a string or an array. */
export function types(entity: JsonObject | undefined): string[] {
  if (!entity) return [];
  return asArray(entity['@type']).filter((t): t is string => typeof t === 'string');
}

/** The `@id`s of a reference property: `{"@id": …}`, a list of them, or (leniently) bare strings. */
export function refIds(value: unknown): string[] {
  return asArray(value)
    .map((v) => (isObject(v) && typeof v['@id'] === 'string' ? v['@id'] : typeof v === 'string' ? v : undefined))
    .filter((v): v is string => v !== undefined && v !== '');
}

/** A literal property as text: a string, a number, or `{"@value": …}`. */
export function literal(value: unknown): string | undefined {
  const first = asArray(value)[0];
  if (typeof first === 'string') return first;
  if (typeof first === 'number' || typeof first === 'boolean') return String(first);
  if (isObject(first) && first['@value'] !== undefined) return String(first['@value']);
  return undefined;
}
