import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId, parseUniprotAccession } from '../common/bio/ids.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { emitUniprotProtein, sequenceProps, type HgncXref, type ListedIsoform, type ProteinMapOptions } from './uniprot-protein.js';

export type { ProteinMapOptions } from './uniprot-protein.js';

type Json = Record<string, unknown>;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json => (isRecord(v) ? v : {});
const text = (v: unknown): string | undefined => cell(obj(v).value);

function crossRefs(entry: Json, database: string): Json[] {
  return arr(entry.uniProtKBCrossReferences).map(obj).filter((x) => x.database === database);
}

function propertyValue(xref: Json, key: string): string | undefined {
  const p = arr(xref.properties).map(obj).find((x) => x.key === key);
  return p ? cell(p.value) : undefined;
}

function proteinName(entry: Json): string | undefined {
  const d = obj(entry.proteinDescription);
  return text(obj(d.recommendedName).fullName) ?? text(obj(arr(d.submissionNames).map(obj)[0]).fullName);
}

/** Everything a UniProtKB entry says about the protein itself (sequence stored: alignments need it). */
function entryProps(entry: Json, accession: string): Props {
  const organism = obj(entry.organism);
  const seq = obj(entry.sequence);
  const value = typeof seq.value === 'string' ? seq.value : undefined;
  const audit = obj(entry.entryAudit);
  const entryType = cell(entry.entryType);
  return {
    accession,
    entryName: cell(entry.uniProtkbId),
    entryType,
    reviewed: entryType ? /reviewed/i.test(entryType) && !/unreviewed/i.test(entryType) : undefined,
    proteinName: proteinName(entry),
    geneNames: arr(entry.genes).map((g) => text(obj(g).geneName)).filter((g): g is string => !!g),
    organism: cell(organism.scientificName),
    taxonId: num(organism.taxonId),
    molWeight: num(seq.molWeight),
    ...sequenceProps(value, { length: num(seq.length), md5: cell(seq.md5), crc64: cell(seq.crc64) }),
    secondaryAccessions: arr(entry.secondaryAccessions).map((a) => cell(a)).filter((a): a is string => !!a),
    proteinExistence: cell(entry.proteinExistence),
    annotationScore: num(entry.annotationScore),
    entryVersion: num(audit.entryVersion),
    sequenceVersion: num(audit.sequenceVersion),
    firstPublicDate: cell(audit.firstPublicDate),
    lastAnnotationUpdateDate: cell(audit.lastAnnotationUpdateDate),
    lastSequenceUpdateDate: cell(audit.lastSequenceUpdateDate),
    keywords: arr(entry.keywords).map((k) => cell(obj(k).name)).filter((k): k is string => !!k),
    hgncIds: crossRefs(entry, 'HGNC').map((x) => normalizeHgncId(x.id)).filter((x): x is string => !!x),
    ensemblGeneIds: [
      ...new Set(
        crossRefs(entry, 'Ensembl')
          .map((x) => parseEnsemblId(propertyValue(x, 'GeneId'))?.id)
          .filter((x): x is string => !!x),
      ),
    ],
    entrezIds: crossRefs(entry, 'GeneID').map((x) => normalizeEntrezId(x.id)).filter((x): x is string => !!x),
    featureCount: arr(entry.features).length,
    crossReferenceCount: arr(entry.uniProtKBCrossReferences).length,
  };
}

function listedIsoforms(entry: Json): ListedIsoform[] {
  return arr(entry.comments)
    .map(obj)
    .filter((c) => c.commentType === 'ALTERNATIVE PRODUCTS')
    .flatMap((c) => arr(c.isoforms).map(obj))
    .map((iso) => ({ ids: arr(iso.isoformIds), name: text(iso.name), status: cell(iso.isoformSequenceStatus) }));
}

function hgncXrefs(entry: Json): HgncXref[] {
  return crossRefs(entry, 'HGNC').map((x) => ({ id: x.id, symbol: propertyValue(x, 'GeneName') }));
}

/** One UniProtKB entry (rest.uniprot.org JSON) → owned Protein (urn = accession), its isoforms and genes. */
export function mapUniprotEntry(entry: Json, f: Fragment, o: ProteinMapOptions = {}): void {
  const acc = parseUniprotAccession(entry.primaryAccession);
  if (!acc) {
    f.issue('error', 'BAD_UNIPROT_ACCESSION', `entry without a valid primaryAccession (${String(entry.primaryAccession)})`);
    return;
  }
  const props = entryProps(entry, acc.accession);
  emitUniprotProtein({ acc, props, hgncXrefs: hgncXrefs(entry), isoforms: listedIsoforms(entry), expectSequence: true }, f, o);
}
