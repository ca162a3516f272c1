import { isInt } from 'neo4j-driver';
import type { FormatSpec, FormatWriter } from '../format-writer.js';
import { isTemporal, jsonValue } from '../values.js';

export const HELIX_VOCAB = 'https://helix.dev/ns#';

/**
 * Helix labels, relationships and common properties as PROV-O and schema.org terms; everything else falls into the
 * Helix vocabulary (@vocab), so every key still expands to an IRI.
 */
export const JSONLD_CONTEXT = {
  '@vocab': HELIX_VOCAB,
  prov: 'http://www.w3.org/ns/prov#',
  schema: 'https://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  Run: 'prov:Activity',
  StepRun: 'prov:Activity',
  Job: 'prov:Plan',
  Step: 'prov:Plan',
  Agent: 'prov:Agent',
  Entity: 'prov:Entity',
  File: 'schema:MediaObject',
  Dataset: 'schema:Dataset',
  Capsule: 'schema:Dataset',
  Column: 'schema:PropertyValueSpecification',
  Gene: 'schema:Gene',
  Protein: 'schema:Protein',
  Owner: 'schema:Person',
  Tag: 'schema:DefinedTerm',
  DataProduct: 'schema:Product',
  Publication: 'schema:ScholarlyArticle',
  name: 'schema:name',
  description: 'schema:description',
  startedAt: { '@id': 'prov:startedAtTime' },
  endedAt: { '@id': 'prov:endedAtTime' },
  USED: { '@id': 'prov:used', '@type': '@id' },
  WAS_GENERATED_BY: { '@id': 'prov:wasGeneratedBy', '@type': '@id' },
  WAS_DERIVED_FROM: { '@id': 'prov:wasDerivedFrom', '@type': '@id' },
  WAS_ASSOCIATED_WITH: { '@id': 'prov:wasAssociatedWith', '@type': '@id' },
  WAS_INFORMED_BY: { '@id': 'prov:wasInformedBy', '@type': '@id' },
  WAS_ATTRIBUTED_TO: { '@id': 'prov:wasAttributedTo', '@type': '@id' },
  ACTED_ON_BEHALF_OF: { '@id': 'prov:actedOnBehalfOf', '@type': '@id' },
  WAS_INVALIDATED_BY: { '@id': 'prov:wasInvalidatedBy', '@type': '@id' },
  INSTANCE_OF: { '@id': 'prov:hadPlan', '@type': '@id' },
  HAS_COLUMN: { '@id': 'schema:variableMeasured', '@type': '@id' },
  ENCODES: { '@id': 'schema:encodesBioChemEntity', '@type': '@id' },
  OWNED_BY: { '@id': 'schema:maintainer', '@type': '@id' },
  TAGGED_WITH: { '@id': 'schema:keywords', '@type': '@id' },
  PART_OF: { '@id': 'schema:isPartOf', '@type': '@id' },
  CITES: { '@id': 'schema:citation', '@type': '@id' },
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
};

/** The URN as an IRI: characters an IRI cannot hold (space, quotes, <>, `, {}, |, \\, ^, controls) percent-encoded. */
export function jsonldId(urn: string): string {
  return urn.replace(/[\u0000-\u0020"<>`{}|\\^%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function literal(v: unknown): unknown {
  if (isTemporal(v)) return { '@value': String(v), '@type': 'xsd:string' };
  if (isInt(v)) return { '@value': jsonValue(v), '@type': 'xsd:integer' };
  if (Array.isArray(v)) return v.map(literal);
  return jsonValue(v);
}

function properties(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(props).sort()) out[k] = literal(props[k]);
  return out;
}

/**
 * One JSON-LD document: the context, then `@graph` with a node object per node (`@id` = URN, `@type` = labels) and
 * per relationship a link on its source node object (JSON-LD merges node objects of one @id). A relationship with
 * properties is also reified as an rdf:Statement carrying them.
 */
function jsonldWriter(): FormatWriter {
  let first = true;
  const item = (o: unknown) => {
    const s = `${first ? '' : ',\n'}    ${JSON.stringify(o)}`;
    first = false;
    return s;
  };
  return {
    begin: () => `{\n  "@context": ${JSON.stringify(JSONLD_CONTEXT)},\n  "@graph": [\n`,
    node: (n) => item({ '@id': jsonldId(n.urn), '@type': n.labels, ...properties(n.props) }),
    relationship(r) {
      let out = item({ '@id': jsonldId(r.from), [r.type]: { '@id': jsonldId(r.to) } });
      if (Object.keys(r.props).length > 0) {
        out += item({
          '@type': 'rdf:Statement',
          'rdf:subject': { '@id': jsonldId(r.from) },
          'rdf:predicate': { '@id': r.type in JSONLD_CONTEXT ? r.type : `${HELIX_VOCAB}${r.type}` },
          'rdf:object': { '@id': jsonldId(r.to) },
          ...properties(r.props),
        });
      }
      return out;
    },
    end: () => '\n  ]\n}\n',
  };
}

export const jsonld: FormatSpec = {
  format: 'jsonld',
  contentType: 'application/ld+json; charset=utf-8',
  extension: 'jsonld',
  create: () => jsonldWriter(),
};
