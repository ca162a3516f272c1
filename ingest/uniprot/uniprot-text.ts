/** UniProt's flat-text renderings (TSV cells) read back into the values the JSON entry holds. */
import type { ListedIsoform } from './uniprot-protein.js';

export interface ProteinNames {
  name?: string;
  alternatives: string[];
}

const EC_NUMBER = /^EC [0-9n.-]+$/;

/**
 * `Nephrin (Renal glomerulus-specific cell adhesion receptor) (EC 1.2.3.4) [Cleaved into: …]` → the recommended
 * (or first submitted) name, and every further `(…)` group at depth 0 as an alternative name (EC numbers left
 * out). Names may hold parentheses themselves (`N(6)`, `((Dimethylallyl)adenosine …)`), so depth is counted; when
 * the brackets do not balance only the text before the first ` (` is trusted.
 */
export function splitProteinNames(text: string | undefined): ProteinNames {
  if (!text) return { alternatives: [] };
  let depth = 0;
  let nameEnd = -1;
  let groupStart = -1;
  let clean = true;
  const groups: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (depth === 0 && ch === '[' && text[i - 1] === ' ') {
      if (nameEnd < 0) nameEnd = i - 1;
      break;
    }
    if (ch === '(' || ch === '[') {
      if (depth === 0 && text[i - 1] === ' ') {
        if (nameEnd < 0) nameEnd = i - 1;
        groupStart = i + 1;
      }
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
      if (depth < 0) break;
      if (depth === 0 && groupStart >= 0) {
        groups.push(text.slice(groupStart, i).trim());
        groupStart = -1;
      }
    } else if (depth === 0 && nameEnd >= 0 && groupStart < 0 && ch !== ' ') {
      clean = false;
    }
  }
  if (depth !== 0) {
    const naive = text.indexOf(' (');
    return { name: (naive < 0 ? text : text.slice(0, naive)).trim() || undefined, alternatives: [] };
  }
  const name = (nameEnd < 0 ? text : text.slice(0, nameEnd)).trim() || undefined;
  return { name, alternatives: clean ? groups.filter((g) => g && !EC_NUMBER.test(g)) : [] };
}

/**
 * `Homo sapiens (Human)` → `Homo sapiens`: common names and synonyms (capitalised, trailing) are dropped, strain
 * and isolate qualifiers (`(strain K12)`) are part of the scientific name and stay.
 */
export function scientificName(organism: string | undefined): string | undefined {
  let name = organism?.trim();
  while (name && name.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = name.length - 1; i >= 0; i--) {
      if (name[i] === ')') depth++;
      else if (name[i] === '(' && --depth === 0) {
        open = i;
        break;
      }
    }
    if (open <= 0 || !/^[A-Z]/.test(name.slice(open + 1))) break;
    name = name.slice(0, open).trim();
  }
  return name || undefined;
}

const withoutEvidence = (s: string) => s.replace(/\s*\{[^}]*\}/g, '').trim();

/** A flat-file isoform `Sequence=` value in the JSON spelling (`VSP_…` ids mean the sequence is described). */
function isoformStatus(value: string): string {
  const v = withoutEvidence(value);
  if (/^VSP_/.test(v)) return 'Described';
  if (/^not described$/i.test(v)) return 'Not described';
  return v ? v[0]!.toUpperCase() + v.slice(1).toLowerCase() : v;
}

/** `ALTERNATIVE PRODUCTS: Event=…; Name=1; IsoId=P04217-1; Sequence=Displayed; Name=2; Synonyms=…; IsoId=…; …`. */
export function parseAlternativeProducts(text: string | undefined): ListedIsoform[] {
  if (!text) return [];
  const isoforms: ListedIsoform[] = [];
  const pattern = /(?:^|[;\s])Name=([^;]*);(?:\s*Synonyms=[^;]*;)?\s*IsoId=([^;]*);\s*Sequence=([^;]*)/g;
  for (const m of text.matchAll(pattern)) {
    isoforms.push({
      ids: withoutEvidence(m[2]!).split(/\s*,\s*/).filter(Boolean),
      name: withoutEvidence(m[1]!) || undefined,
      status: isoformStatus(m[3]!),
    });
  }
  return isoforms;
}

/** `5.0` (REST) or `5 out of 5` (legacy tab format). */
export function annotationScoreText(text: string | undefined): string | undefined {
  return text?.replace(/\s*out of\s*\d+\s*$/i, '');
}
