import type { Props } from '../core/graph.js';
import { sequenceRefFromId, type SequenceRef } from '../common/bio/sequence-ref.js';
import { taxonForOrganism } from '../common/bio/taxon.js';

export interface FastaHeader {
  ref: SequenceRef;
  props: Props;
  /** Gene symbols the header names (UniProt `GN=`). */
  geneNames: string[];
  /** Taxon from `OX=` or a known organism name; undefined when the organism is unknown. */
  taxonId?: string;
  /** The header names an organism (OS= or [..]) that has no known taxon id. */
  unknownOrganism?: string;
}

/** `key=value` fields of a UniProt description: `Name OS=Homo sapiens OX=9606 GN=RHO PE=1 SV=1`. */
function uniprotFields(description: string): { name: string; fields: Record<string, string> } {
  const parts = description.split(/\s(?=(?:OS|OX|GN|PE|SV)=)/);
  const fields: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    fields[part.slice(0, eq)] = part.slice(eq + 1).trim();
  }
  return { name: parts[0]!.trim(), fields };
}

/**
 * A FASTA header line (without `>`): UniProt `sp|ACC|NAME desc OS= OX= GN= PE= SV=`, NCBI
 * `gi|…|ref|NP_…| desc [Organism]` (also `prf||…`, `pdb|…|A`), GenomeAMR `acc|gene|start-end|strand|contig|sum`,
 * or any other id (local Sequence).
 */
export function parseFastaHeader(header: string): FastaHeader {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const id = space < 0 ? trimmed : trimmed.slice(0, space);
  const description = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const ref = sequenceRefFromId(id);
  const props: Props = { fastaId: id, description: description || undefined };
  let geneNames: string[] = [];
  let organism: string | undefined;
  let taxonId: string | undefined;
  if (/\s(?:OS|OX|GN)=/.test(` ${description}`)) {
    const { name, fields } = uniprotFields(description);
    props.proteinName = name || undefined;
    organism = fields.OS;
    taxonId = fields.OX && /^\d+$/.test(fields.OX) ? fields.OX : undefined;
    geneNames = fields.GN ? [fields.GN] : [];
    if (fields.PE) props.proteinExistence = fields.PE;
    if (fields.SV && /^\d+$/.test(fields.SV)) props.sequenceVersion = Number(fields.SV);
  } else if (description) {
    const m = /^(.*?)\s*\[([^\]]+)\]\s*$/.exec(description);
    const name = m ? m[1]! : description;
    organism = m ? m[2] : undefined;
    props.proteinName = /Full=([^;]+)/.exec(name)?.[1]?.trim() ?? (name || undefined);
  }
  taxonId ??= taxonForOrganism(organism);
  props.organism = organism;
  props.taxonId = taxonId !== undefined ? Number(taxonId) : undefined;
  props.geneNames = geneNames;
  return {
    ref,
    props,
    geneNames,
    ...(taxonId ? { taxonId } : {}),
    ...(organism && !taxonId ? { unknownOrganism: organism } : {}),
  };
}
