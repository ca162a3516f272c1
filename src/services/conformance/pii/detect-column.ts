import type { PiiCategory } from './categories.js';
import { readDeclaration, type Declaration } from './declared.js';
import {
  BUSINESS_WORDS, CHAIN_DESCRIPTION, CLINICAL_TABLES, CLINICAL_VALUE, DESCRIPTION_NOT_PII, DESCRIPTION_PII,
  DESCRIPTION_PSEUDONYMOUS, DESCRIPTION_RULES, GENERIC_TABLE_WORDS, GENETIC_VALUE, INDIVIDUAL_LINK, MEASURE_PREFIX,
  NAME_RULES, NON_PERSON_WORDS, PAYMENT_TABLES, PERSON_TABLES, POSTAL_DESCRIPTION, POSTAL_SIBLINGS, PSEUDONYM_WORDS,
  type NameRule, type TypeClass,
} from './detect-rules.js';
import { singular, tokenize } from './name-tokens.js';

export interface ColumnFacts {
  name: string;
  dataType?: string | null;
  description?: string | null;
  /** dbt tags and tags added through the API. */
  tags?: readonly string[];
  /** dbt meta (meta merged with config.meta). */
  meta?: Record<string, unknown> | null;
}

export interface TableFacts {
  name: string;
  /** Lower-cased names of all the table's columns (context for `name`, `address`, clinical columns). */
  columns: readonly string[];
}

export interface PiiDetection {
  category: PiiCategory;
  origin: 'DECLARED' | 'DETECTED';
  pseudonymous: boolean;
  reason: string;
}

export interface ColumnVerdict {
  findings: PiiDetection[];
  /** Declared NOT personal data: no detection, and propagation does not enter the column. */
  declaredNotPii: boolean;
}

/**
 * Everything the graph knows about one column → its PII findings. Declarations win: a column declared PII is
 * DECLARED (its category from the declaration, else from the detector, else `other`); a column declared not PII
 * has no finding. Otherwise name, type and description rules give DETECTED findings. Pure and total.
 */
export function classifyColumn(col: ColumnFacts, table: TableFacts): ColumnVerdict {
  const declaration = readDeclaration(col.meta, col.tags ?? []);
  if (declaration && !declaration.pii) return { findings: [], declaredNotPii: true };
  const detected = detectColumn(col, table);
  if (declaration) return { findings: declared(declaration, detected), declaredNotPii: false };
  return { findings: detected, declaredNotPii: false };
}

function declared(d: Declaration, detected: PiiDetection[]): PiiDetection[] {
  const pseudonymous = d.pseudonymous || detected.some((x) => x.pseudonymous);
  if (d.categories.length > 0) {
    return d.categories.map((category) => ({ category, origin: 'DECLARED', pseudonymous, reason: d.reason }));
  }
  const inferred = detected.filter((x) => x.category !== 'other');
  if (inferred.length === 0) return [{ category: 'other', origin: 'DECLARED', pseudonymous, reason: d.reason }];
  return inferred.map((x) => ({ category: x.category, origin: 'DECLARED', pseudonymous, reason: `${d.reason}; category from ${x.reason}` }));
}

/** Name, type and description rules only (no declarations). */
export function detectColumn(col: ColumnFacts, table: TableFacts): PiiDetection[] {
  const t = tokenize(col.name);
  if (t.tokens.length === 0 || MEASURE_PREFIX.has(t.tokens[0]!)) return [];
  const type = typeClass(col.dataType);
  const description = col.description ?? '';
  const ctx = new TableContext(table);
  const pseudoByDescription = DESCRIPTION_PSEUDONYMOUS.test(description);

  // `email_hash`, `hashed_ssn`: the stem names the category, the value is a pseudonym of it.
  let tokens = t.tokens;
  let pseudonymous = false;
  while (tokens.length > 1 && PSEUDONYM_WORDS.has(tokens[tokens.length - 1]!)) {
    tokens = tokens.slice(0, -1);
    pseudonymous = true;
  }
  while (tokens.length > 1 && PSEUDONYM_WORDS.has(tokens[0]!)) {
    tokens = tokens.slice(1);
    pseudonymous = true;
  }
  const joined = tokens.join('_');
  const compact = tokens.join('');
  const isPseudo = pseudonymous || pseudoByDescription;
  // A pseudonym is an opaque string or number, whatever the stem's usual type.
  const effectiveType: TypeClass = pseudonymous ? 'unknown' : type;

  const out = new Map<PiiCategory, PiiDetection>();
  const add = (category: PiiCategory, reason: string) => {
    if (!out.has(category)) out.set(category, { category, origin: 'DETECTED', pseudonymous: isPseudo, reason });
  };

  for (const rule of NAME_RULES) {
    const qualifier = matchRule(rule, joined, compact, tokens.length);
    if (qualifier === null || rule.excludeTypes.includes(effectiveType)) continue;
    if (!ruleContextHolds(rule, qualifier, joined, description, ctx)) continue;
    add(rule.category, `name '${col.name}' (${rule.label})${pseudonymous ? ', pseudonymised' : ''}`);
  }
  if (type === 'inet') add('ip', `type '${col.dataType}'`);
  if (out.size === 0 && ctx.isClinical && CLINICAL_VALUE.test(joined) && !isKey(tokens)) {
    add('health', `'${col.name}' of clinical table '${table.name}'`);
  }
  if (out.size === 0 && ctx.isPerIndividual && GENETIC_VALUE.test(joined)) {
    add('genetic', `'${col.name}' of per-individual table '${table.name}'`);
  }
  if (out.size === 0 && description !== '' && !isKey(tokens) && type !== 'boolean') {
    for (const { category, pattern } of DESCRIPTION_RULES) {
      // In an organisation's table only a named contact person or email is personal (`contacter`: "Contact Person").
      if (ctx.isBusiness && category !== 'name' && category !== 'email') continue;
      const m = pattern.exec(description);
      if (!m || (category === 'address' && CHAIN_DESCRIPTION.test(description))) continue;
      // `hero_info_firstname` "the hero's first name": the name says whose it is.
      if (PERSONAL.has(category) && tokens.some((w) => NON_PERSON_WORDS.has(w))) continue;
      add(category, `description mentions '${m[0]}'`);
    }
    if (out.size === 0 && DESCRIPTION_PII.test(description) && !DESCRIPTION_NOT_PII.test(description)) {
      add('other', 'description says it is personal data');
    }
  }
  return [...out.values()];
}

/** The qualifier tokens before the matched suffix, or null when the rule does not match. */
function matchRule(rule: NameRule, joined: string, compact: string, tokenCount: number): string[] | null {
  const m = rule.joined?.exec(joined);
  if (m) {
    const start = m.index + (m[1]?.length ?? 0);
    return joined.slice(0, start).split('_').filter((x) => x !== '');
  }
  if (rule.compact && tokenCount === 1 && rule.compact.test(compact)) return [];
  return null;
}

/** Categories whose name words other things share: a `token_name` or `pool_address` is not a person's. */
const PERSON_ONLY = new Set<PiiCategory>(['name', 'address', 'birth_date']);
/** Description phrases about these need a column name that is not about something else. */
const PERSONAL = new Set<PiiCategory>([...PERSON_ONLY, 'email', 'phone']);

function ruleContextHolds(rule: NameRule, qualifier: string[], joined: string, description: string, ctx: TableContext): boolean {
  if (PERSON_ONLY.has(rule.category) && qualifier.some((q) => NON_PERSON_WORDS.has(q))) return false;
  switch (rule.needs) {
    case 'personTable':
      return ctx.isPersonTable;
    case 'notBusiness':
      return !ctx.isBusiness && !qualifier.some((q) => BUSINESS_WORDS.has(q));
    case 'personalPhone':
      // An organisation's switchboard is not personal data; its contact person's mobile is.
      if (!ctx.isBusiness && !qualifier.some((q) => BUSINESS_WORDS.has(q))) return true;
      return /cell|mobile/.test(joined) || /\b(mobile|contact|personal)\b/i.test(description);
    case 'paymentTable':
      return ctx.isPayment;
    case 'postalContext': {
      if (ctx.isBusiness || qualifier.some((q) => BUSINESS_WORDS.has(q))) return false;
      if (qualifier.some((q) => ['email', 'ip', 'mac', 'web', 'ipv4', 'ipv6'].includes(q))) return false;
      if (CHAIN_DESCRIPTION.test(description)) return false;
      return POSTAL_DESCRIPTION.test(description) || ctx.hasPostalSiblings || (ctx.isPersonTable && qualifier.length <= 1);
    }
    default:
      return true;
  }
}

const KEY_WORDS = new Set(['id', 'ids', 'key', 'keys', 'sk', 'fk', 'pk', 'uuid', 'guid', 'nk', 'bk', 'hk', 'idx']);
function isKey(tokens: string[]): boolean {
  return KEY_WORDS.has(tokens[tokens.length - 1]!);
}

/** What the table tells about its columns: whose rows these are. */
class TableContext {
  readonly isPersonTable: boolean;
  readonly isBusiness: boolean;
  readonly isClinical: boolean;
  readonly isPerIndividual: boolean;
  readonly isPayment: boolean;
  readonly hasPostalSiblings: boolean;

  constructor(table: TableFacts) {
    const words = tokenize(table.name).tokens.map(singular).filter((w) => !GENERIC_TABLE_WORDS.has(w));
    const entity = words[words.length - 1] ?? '';
    const siblings = new Set(table.columns.map((c) => tokenize(c).joined));
    const linked = [...siblings].some((c) => INDIVIDUAL_LINK.test(c));
    this.isPersonTable = PERSON_TABLES.has(entity);
    this.isBusiness = BUSINESS_WORDS.has(entity);
    this.isClinical = words.some((w) => CLINICAL_TABLES.has(w)) && (linked || words.includes('patient'));
    this.isPerIndividual = linked || words.some((w) => w === 'sample' || w === 'patient' || w === 'participant');
    this.isPayment = words.some((w) => PAYMENT_TABLES.has(w)) || words.join('_').includes('payment_method');
    this.hasPostalSiblings = [...siblings].some((c) => POSTAL_SIBLINGS.has(c));
  }
}

/** Warehouse type → broad class (`VARCHAR(25)` → text, `NUMBER(38,0)` → numeric, `inet` → inet). */
export function typeClass(dataType: string | null | undefined): TypeClass {
  if (!dataType) return 'unknown';
  const t = dataType.trim().toLowerCase();
  if (/^(bool|boolean)\b/.test(t)) return 'boolean';
  if (/^(inet|cidr)\b/.test(t)) return 'inet';
  if (/^(date|datetime|time|timestamp|interval)/.test(t)) return 'temporal';
  if (/^(u?int\d*|integer|bigint|smallint|tinyint|byteint|number|numeric|decimal|float\d*|double|real|long|short|hugeint)\b/.test(t)) return 'numeric';
  if (/^(json|jsonb|variant|object|struct|array|map|record|super|union)\b/.test(t)) return 'structured';
  if (t === 'none' || t === '') return 'unknown';
  return 'text';
}
