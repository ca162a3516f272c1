import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readHeadText } from '../common/detect-head.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId, parseUniprotAccession } from '../common/bio/ids.js';
import { isRecord } from '../common/jsonl.js';
import { cell, int, num } from '../common/missing.js';
import { emitUniprotProtein, entryTypeProps, proteinExistenceLabel, sequenceProps, type ListedIsoform, type ProteinMapOptions } from './uniprot-protein.js';
import { xmlEntries, type XmlEntryText } from './xml-entries.js';

type Xml = Record<string, unknown>;

const REPEATED = new Set([
  'accession', 'name', 'gene', 'dbReference', 'property', 'comment', 'isoform', 'id', 'keyword', 'submittedName',
  'alternativeName', 'shortName', 'allergenName', 'biotechName', 'cdAntigenName', 'innName',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

// Citations, features and evidence are most of an entry and map to nothing: cut before validating and parsing
// (a third faster), their line breaks kept so that validation errors still name the right line.
const UNMAPPED = /<(?:reference|feature|evidence)\b[^>]*\/>|<(reference|feature|evidence)\b[^>]*>[\s\S]*?<\/\1>/g;
const withoutUnmapped = (text: string) => text.replace(UNMAPPED, (m) => '\n'.repeat(m.split('\n').length - 1));

const obj = (v: unknown): Xml => (isRecord(v) ? v : typeof v === 'string' ? { '#text': v } : {});
const all = (v: unknown): Xml[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(obj);
const text = (v: unknown): string | undefined => cell(obj(v)['#text']);
const attr = (v: unknown, name: string): string | undefined => cell(obj(v)[`@${name}`]);
const texts = (v: unknown): string[] => all(v).map(text).filter((t): t is string => !!t);
const ofType = (v: unknown, type: string): Xml[] => all(v).filter((x) => attr(x, 'type') === type);

function property(xref: Xml, type: string): string | undefined {
  return attr(ofType(xref.property, type)[0], 'value');
}

/** Recommended name (else the first submitted name), and every other name the way the TSV lists them. */
function proteinNames(protein: Xml): { name?: string; alternatives: string[] } {
  const recommended = obj(protein.recommendedName);
  const submitted = all(protein.submittedName);
  const name = text(recommended.fullName) ?? text(submitted[0]?.fullName);
  const alternatives = [
    ...texts(recommended.shortName),
    ...submitted.slice(recommended.fullName === undefined ? 1 : 0).map((s) => text(s.fullName)),
    ...all(protein.alternativeName).flatMap((a) => [text(a.fullName), ...texts(a.shortName)]),
    ...['allergenName', 'biotechName', 'cdAntigenName', 'innName'].flatMap((k) => texts(protein[k])),
  ].filter((t): t is string => !!t);
  return { name, alternatives };
}

function isoformStatus(type: string | undefined): string | undefined {
  return type ? type[0]!.toUpperCase() + type.slice(1) : undefined;
}

function listedIsoforms(entry: Xml): ListedIsoform[] {
  return ofType(entry.comment, 'alternative products')
    .flatMap((c) => all(c.isoform))
    .map((iso) => ({ ids: texts(iso.id), name: text(all(iso.name)[0]), status: isoformStatus(attr(iso.sequence, 'type')) }));
}

function entryProps(entry: Xml, accession: string, f: Fragment): Props {
  const bad = (what: string) => (v: string) => f.issue('warning', 'BAD_NUMBER', `${what}: "${v}" is not a number`, { subject: accession });
  const dataset = attr(entry, 'dataset');
  const organism = obj(entry.organism);
  const seq = obj(entry.sequence);
  const residues = text(seq)?.replace(/\s+/g, '');
  const names = proteinNames(obj(entry.protein));
  const xrefs = all(entry.dbReference);
  const xrefsOf = (type: string) => xrefs.filter((x) => attr(x, 'type') === type);
  return {
    accession,
    entryName: text(all(entry.name)[0]),
    ...entryTypeProps(dataset ? dataset === 'Swiss-Prot' : undefined),
    proteinName: names.name,
    alternativeNames: names.alternatives,
    geneNames: all(entry.gene).map((g) => text(ofType(g.name, 'primary')[0])).filter((g): g is string => !!g),
    organism: text(ofType(organism.name, 'scientific')[0]),
    taxonId: int(attr(ofType(organism.dbReference, 'NCBI Taxonomy')[0], 'id'), bad('taxonId')),
    molWeight: num(attr(seq, 'mass'), bad('mass')),
    ...sequenceProps(residues, { length: int(attr(seq, 'length'), bad('length')), crc64: attr(seq, 'checksum') }),
    secondaryAccessions: texts(entry.accession).slice(1),
    proteinExistence: proteinExistenceLabel(attr(entry.proteinExistence, 'type')),
    entryVersion: int(attr(entry, 'version'), bad('version')),
    sequenceVersion: int(attr(seq, 'version'), bad('sequence version')),
    firstPublicDate: attr(entry, 'created'),
    lastAnnotationUpdateDate: attr(entry, 'modified'),
    lastSequenceUpdateDate: attr(seq, 'modified'),
    keywords: texts(entry.keyword),
    hgncIds: xrefsOf('HGNC').map((x) => normalizeHgncId(attr(x, 'id'))).filter((x): x is string => !!x),
    ensemblGeneIds: [...new Set(xrefsOf('Ensembl').map((x) => parseEnsemblId(property(x, 'gene ID'))?.id).filter((x): x is string => !!x))],
    entrezIds: xrefsOf('GeneID').map((x) => normalizeEntrezId(attr(x, 'id'))).filter((x): x is string => !!x),
    mimIds: xrefsOf('MIM').map((x) => attr(x, 'id')).filter((x): x is string => !!x && /^\d+$/.test(x)),
  };
}

const accessionIn = (text: string) => /<accession>([^<]{1,40})<\/accession>/.exec(text)?.[1];

function mapEntry(e: XmlEntryText, f: Fragment, o: ProteinMapOptions): void {
  const xml = withoutUnmapped(e.text);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const subject = accessionIn(e.text);
    f.issue('error', 'UNIPROT_XML_ENTRY_INVALID', `entry is not well-formed XML: ${valid.err.msg}`, {
      line: e.line + valid.err.line - 1,
      ...(subject ? { subject } : {}),
    });
    return;
  }
  const entry = obj(parser.parse(xml).entry);
  const first = all(entry.accession)[0];
  const acc = parseUniprotAccession(text(first));
  if (!acc) {
    f.issue('error', 'BAD_UNIPROT_ACCESSION', `entry without a valid accession (${text(first) ?? ''})`);
    return;
  }
  const props = entryProps(entry, acc.accession, f);
  const hgncXrefs = all(entry.dbReference)
    .filter((x) => attr(x, 'type') === 'HGNC')
    .map((x) => ({ id: attr(x, 'id'), symbol: property(x, 'gene designation') }));
  emitUniprotProtein({ acc, props, hgncXrefs, isoforms: listedIsoforms(entry), expectSequence: true }, f, o);
}

/**
 * UniProtKB XML (`<uniprot xmlns="http://uniprot.org/uniprot"><entry …>`; rest.uniprot.org `format=xml`, the
 * release files). Streamed entry by entry (memory: one entry, whatever the file size). Record = one entry.
 */
export async function* readUniprotXml(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const o: ProteinMapOptions = { geneIndex: opts.geneIndex, defaultTaxon: opts.taxonId };
  let entries = 0;
  try {
    for await (const e of xmlEntries(file)) {
      entries++;
      if (!b.consume()) continue;
      const subject = accessionIn(e.text);
      if (!e.complete) {
        b.issue('error', 'UNIPROT_XML_ENTRY_TRUNCATED', 'entry has no </entry>: cut off, not read', { line: e.line, ...(subject ? { subject } : {}) });
      } else b.guard(e.line, subject, (f) => mapEntry(e, f, o));
      if (b.full) yield b.take();
    }
  } catch (err) {
    b.issue('error', 'UNIPROT_XML_UNREADABLE', `UniProtKB XML reading stopped: ${(err as Error).message}`);
  }
  if (entries === 0 && !/<uniprot[\s>]/.test(await readHeadText(file, 4096))) {
    b.issue('error', 'UNIPROT_XML_NOT_FOUND', 'no <uniprot> root and no <entry>: not UniProtKB XML');
  }
  yield b.finish();
}
