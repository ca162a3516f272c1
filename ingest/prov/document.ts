import { isObject, type JsonObject } from '../common/values.js';
import { decodeValue, Namespaces } from './qualified-names.js';

export const ELEMENT_TYPES = ['entity', 'activity', 'agent'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

export const RELATION_TYPES = [
  'used', 'wasGeneratedBy', 'wasDerivedFrom', 'wasAssociatedWith', 'wasInformedBy', 'wasStartedBy', 'wasEndedBy',
  'wasAttributedTo', 'actedOnBehalfOf', 'wasInvalidatedBy', 'specializationOf', 'alternateOf', 'mentionOf',
  'hadMember', 'wasInfluencedBy',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface ProvRecord {
  /** Expanded IRI of the record id; undefined for anonymous relations. */
  id?: string;
  /** Attributes keyed by expanded IRI, values decoded (see decodeValue). */
  attrs: Record<string, unknown>;
}

export interface ProvDocument {
  ns: Namespaces;
  /** Expanded IRI of the bundle; undefined for the top-level document. */
  bundleId?: string;
  elements: Map<ElementType, Map<string, Record<string, unknown>>>;
  relations: Array<{ type: RelationType; record: ProvRecord }>;
  unknownRecordTypes: string[];
  bundles: ProvDocument[];
}

/**
 * A PROV-JSON document (or bundle) with prefixes applied. An element id given several times — or given a list of
 * attribute sets, as "scruffy" documents do — has its attributes merged (every distinct value kept), never
 * overwritten. Relations given as lists become one record each.
 */
export function readProvDocument(doc: JsonObject, parent?: Namespaces, bundleId?: string): ProvDocument {
  const ns = Namespaces.from(doc.prefix, parent);
  const out: ProvDocument = {
    ns,
    bundleId,
    elements: new Map(ELEMENT_TYPES.map((t) => [t, new Map()])),
    relations: [],
    unknownRecordTypes: [],
    bundles: [],
  };
  for (const [key, block] of Object.entries(doc)) {
    if (key === 'prefix') continue;
    if (key === 'bundle') {
      if (!isObject(block)) continue;
      for (const [id, inner] of Object.entries(block)) {
        if (isObject(inner)) out.bundles.push(readProvDocument(inner, ns, ns.expand(id)));
      }
      continue;
    }
    if (!isObject(block)) {
      out.unknownRecordTypes.push(key);
      continue;
    }
    if ((ELEMENT_TYPES as readonly string[]).includes(key)) {
      const target = out.elements.get(key as ElementType)!;
      for (const [id, attrs] of Object.entries(block)) {
        const iri = ns.expand(id);
        const merged = target.get(iri) ?? {};
        for (const set of Array.isArray(attrs) ? attrs : [attrs]) mergeAttrs(merged, decodeAttrs(set, ns));
        target.set(iri, merged);
      }
    } else if ((RELATION_TYPES as readonly string[]).includes(key)) {
      for (const [id, attrs] of Object.entries(block)) {
        for (const set of Array.isArray(attrs) ? attrs : [attrs]) {
          out.relations.push({ type: key as RelationType, record: { id: id.startsWith('_:') ? undefined : ns.expand(id), attrs: decodeAttrs(set, ns) } });
        }
      }
    } else {
      out.unknownRecordTypes.push(key);
    }
  }
  return out;
}

function decodeAttrs(set: unknown, ns: Namespaces): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(set)) return out;
  for (const [key, value] of Object.entries(set)) out[ns.expand(key)] = decodeValue(value, ns);
  return out;
}

function mergeAttrs(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(extra)) {
    if (target[key] === undefined) {
      target[key] = value;
      continue;
    }
    const list = [...(Array.isArray(target[key]) ? (target[key] as unknown[]) : [target[key]])];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!list.some((x) => JSON.stringify(x) === JSON.stringify(v))) list.push(v);
    }
    target[key] = list.length === 1 ? list[0] : list;
  }
}
