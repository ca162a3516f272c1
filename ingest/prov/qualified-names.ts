import { isObject } from '../common/values.js';

export const PROV_NS = 'http://www.w3.org/ns/prov#';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema#';
const BUILTIN: Record<string, string> = { prov: PROV_NS, xsd: XSD_NS };

/** Schemes that are URIs already, never prefixes to expand. */
const URI_SCHEMES = /^(https?|urn|arcp|file|mailto|ftp|tag|doi|trs|docker|s3|gs|data)$/i;

/** A document's prefix map, inherited by its bundles (which may override prefixes). */
export class Namespaces {
  private readonly unknown = new Set<string>();

  constructor(
    private readonly prefixes: Record<string, string>,
    private readonly parent?: Namespaces,
  ) {}

  static from(prefixBlock: unknown, parent?: Namespaces): Namespaces {
    const map: Record<string, string> = {};
    if (isObject(prefixBlock)) {
      for (const [k, v] of Object.entries(prefixBlock)) if (typeof v === 'string') map[k] = v;
    }
    return new Namespaces(map, parent);
  }

  lookup(prefix: string): string | undefined {
    return this.prefixes[prefix] ?? this.parent?.lookup(prefix) ?? BUILTIN[prefix];
  }

  /**
   * `ex:e1` → `http://example.org/e1`. Unprefixed names use the `default` namespace when declared. A prefix
   * nobody declared is left as written (and remembered, so the mapping can report it once).
   */
  expand(qname: string): string {
    const colon = qname.indexOf(':');
    if (colon <= 0) {
      const base = this.lookup('default');
      return base ? base + qname : qname;
    }
    const prefix = qname.slice(0, colon);
    if (prefix === '_') return qname;
    const ns = this.lookup(prefix);
    if (ns) return ns + qname.slice(colon + 1);
    if (!URI_SCHEMES.test(prefix) && !qname.slice(colon + 1).startsWith('//')) this.root().unknown.add(prefix);
    return qname;
  }

  unknownPrefixes(): string[] {
    return [...this.root().unknown].sort();
  }

  private root(): Namespaces {
    return this.parent ? this.parent.root() : this;
  }
}

/**
 * A PROV-JSON attribute value as plain JSON: typed literals `{"$": …, "type": …}` become numbers, booleans or
 * strings, qualified names are expanded, language-tagged strings keep only their text; lists map element-wise.
 */
export function decodeValue(value: unknown, ns: Namespaces): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, ns));
  if (!isObject(value)) return value;
  if (!('$' in value)) return value;
  const raw = value.$;
  const type = typeof value.type === 'string' ? ns.expand(value.type) : undefined;
  if (type === `${PROV_NS}QUALIFIED_NAME` && typeof raw === 'string') return ns.expand(raw);
  if (typeof raw !== 'string') return raw;
  const local = type?.startsWith(XSD_NS) ? type.slice(XSD_NS.length) : undefined;
  switch (local) {
    case 'int':
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'nonNegativeInteger':
    case 'positiveInteger':
    case 'unsignedInt':
    case 'unsignedLong':
    case 'float':
    case 'double':
    case 'decimal': {
      const n = Number(raw);
      return Number.isFinite(n) ? n : raw;
    }
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    default:
      return raw;
  }
}

/** First value of a decoded attribute as text. */
export function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (typeof first === 'number' || typeof first === 'boolean') return String(first);
  return undefined;
}

/** All values of a decoded attribute as text. */
export function allTexts(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value])
    .map((v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined))
    .filter((v): v is string => v !== undefined);
}
