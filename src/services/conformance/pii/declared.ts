import { categoryOf, type PiiCategory } from './categories.js';

/**
 * What a project declares about a column, from its dbt `meta` (already merged with `config.meta`) and its tags
 * (dbt `tags` and tags added through the API). The forms read are documented in docs/pii.md.
 */
export interface Declaration {
  /** true: declared personal data; false: declared NOT personal data (`meta: {pii: false}`, tag `non_pii`). */
  pii: boolean;
  /** Declared categories; empty when the declaration names none (the detector then supplies one, else `other`). */
  categories: PiiCategory[];
  /** Declared as pseudonymised (`meta: {pseudonymous: true}`, tag `pii:hashed`). */
  pseudonymous: boolean;
  /** Human-readable source, e.g. `meta.pii_type = "name"`, `tag "pii:email"`. */
  reason: string;
}

/** Keys whose value says whether the column is personal data (or names its category). */
const FLAG_KEYS = new Set([
  'pii', 'is_pii', 'contains_pii', 'has_pii', 'pii_data', 'personal_data', 'personally_identifiable', 'personal',
  'sensitive', 'is_sensitive', 'gdpr', 'phi', 'contains_phi', 'is_phi',
]);
/** Keys whose value is the category (their presence means PII). */
const CATEGORY_KEYS = new Set([
  'pii_type', 'pii_types', 'pii_category', 'pii_categories', 'pii_kind', 'personal_data_type', 'personal_data_category',
  'phi_type', 'sensitive_type', 'sensitivity_type',
]);
/** Classification-style keys: PII when the value says so (`classification: PII`, `sensitivity: personal`). */
const CLASS_KEYS = new Set([
  'classification', 'data_classification', 'sensitivity', 'data_sensitivity', 'privacy', 'privacy_level',
  'security_classification', 'confidentiality', 'data_category',
]);
/** Keys naming a warehouse masking policy (dbt_snow_mask and similar): the column holds something to mask. */
const MASK_KEYS = new Set(['masking_policy', 'masking_policies', 'mask', 'masking', 'masking_rule']);
const PSEUDO_KEYS = new Set(['pseudonymous', 'pseudonymised', 'pseudonymized', 'hashed', 'is_hashed', 'tokenized', 'tokenised']);

const YES = new Set(['true', 'yes', 'y', '1', 'direct', 'indirect', 'quasi', 'high', 'restricted', 'confidential']);
const NO = new Set(['false', 'no', 'n', '0', 'none', 'non_pii', 'not_pii', 'no_pii']);
const PII_WORDS = /(^|_)(pii|phi|personal|personally|gdpr|hipaa|sensitive|spi)(_|$)/;
const PSEUDO_WORDS = /(^|_)(hashed|hash|pseudonymi[sz]ed|pseudonymous|tokeni[sz]ed|masked)(_|$)/;

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

class Collector {
  yes: string[] = [];
  no: string[] = [];
  categories = new Set<PiiCategory>();
  pseudonymous = false;

  value(where: string, key: string, v: unknown, implied?: PiiCategory): void {
    if (Array.isArray(v)) {
      for (const item of v) this.value(where, key, item, implied);
      return;
    }
    if (v === true || v === 1) return this.say(where, implied);
    if (v === false || v === 0) return void this.no.push(where);
    if (typeof v !== 'string' || v.trim() === '') return;
    const word = norm(v);
    const category = categoryOf(word);
    if (category) return this.say(where, category);
    if (NO.has(word)) return void this.no.push(where);
    if (PSEUDO_WORDS.test(word)) this.pseudonymous = true;
    this.say(where, implied);
  }

  say(where: string, category?: PiiCategory): void {
    this.yes.push(where);
    if (category) this.categories.add(category);
  }
}

export function readDeclaration(meta: Record<string, unknown> | null | undefined, tags: readonly string[]): Declaration | null {
  const c = new Collector();
  if (meta) walkMeta(c, meta, 'meta', 0);
  for (const tag of tags) readTag(c, tag);
  if (c.yes.length > 0) {
    return { pii: true, categories: [...c.categories].sort(), pseudonymous: c.pseudonymous, reason: c.yes.join('; ') };
  }
  if (c.no.length > 0) return { pii: false, categories: [], pseudonymous: false, reason: c.no.join('; ') };
  return null;
}

function walkMeta(c: Collector, obj: Record<string, unknown>, path: string, depth: number): void {
  for (const [rawKey, v] of Object.entries(obj)) {
    const key = norm(rawKey);
    const where = `${path}.${rawKey} = ${JSON.stringify(v)}`;
    if (FLAG_KEYS.has(key)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walkMeta(c, v as Record<string, unknown>, `${path}.${rawKey}`, depth + 1);
      else c.value(where, key, v, key.includes('phi') ? 'health' : undefined);
    } else if (CATEGORY_KEYS.has(key)) {
      c.value(where, key, v === true ? 'other' : v, 'other');
    } else if (CLASS_KEYS.has(key)) {
      for (const s of (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')) {
        const word = norm(s);
        if (NO.has(word)) c.no.push(where);
        else if (categoryOf(word)) c.say(where, categoryOf(word));
        else if (PII_WORDS.test(word)) c.say(where, /(^|_)(phi|hipaa)(_|$)/.test(word) ? 'health' : undefined);
      }
    } else if (MASK_KEYS.has(key)) {
      if (typeof v === 'string' && v.trim() !== '') c.say(where, categoryFromWords(v));
      else if (v === true) c.say(where);
    } else if (PSEUDO_KEYS.has(key)) {
      if (v === true || (typeof v === 'string' && YES.has(norm(v)))) c.pseudonymous = true;
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 3) {
      walkMeta(c, v as Record<string, unknown>, `${path}.${rawKey}`, depth + 1);
    }
  }
}

/** `pii`, `PII:email`, `pii-dob`, `pii.name`, `sensitive`, `phi`, `non_pii`, `pii:hashed`... */
function readTag(c: Collector, tag: string): void {
  const where = `tag ${JSON.stringify(tag)}`;
  const t = tag.trim().toLowerCase();
  const m = /^(pii|phi|sensitive|personal(?:[_-]data)?|gdpr|contains[_-]pii)(?:\s*[:=./_-]\s*(.+))?$/.exec(t);
  if (m) {
    const head = m[1]!;
    const tail = m[2] ? norm(m[2]) : '';
    const implied: PiiCategory | undefined = head === 'phi' ? 'health' : undefined;
    if (tail === '') return c.say(where, implied);
    if (NO.has(tail) || tail === 'data_free') return void c.no.push(where);
    if (PSEUDO_WORDS.test(tail)) {
      c.pseudonymous = true;
      return c.say(where, implied);
    }
    return c.say(where, categoryOf(tail) ?? implied);
  }
  const word = norm(t);
  if (word === 'non_pii' || word === 'not_pii' || word === 'no_pii' || word === 'pii_free') c.no.push(where);
  else if (word === 'hipaa') c.say(where, 'health');
}

function categoryFromWords(text: string): PiiCategory | undefined {
  for (const w of norm(text).split('_')) {
    const cat = categoryOf(w);
    if (cat && cat !== 'other') return cat;
  }
  return undefined;
}
