/**
 * Column and table names as word tokens: `customerEmail`, `CUSTOMER_EMAIL`, `customer-email` → [customer, email].
 * Names that run words together (`billtopaytocontactname`, Sage Intacct) are matched on `compact` (no separators).
 */
export interface NameTokens {
  tokens: string[];
  /** tokens joined by `_`, e.g. `customer_email`. */
  joined: string;
  /** tokens joined without separator, e.g. `customeremail`. */
  compact: string;
}

export function tokenize(name: string): NameTokens {
  const tokens = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
  return { tokens, joined: tokens.join('_'), compact: tokens.join('') };
}

/** Singular form of a table-name token (`customers` → customer, `people` → person), good enough for matching. */
export function singular(token: string): string {
  if (token === 'people') return 'person';
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
  if (token.endsWith('ses') || token.endsWith('xes')) return token.slice(0, -2);
  if (token.endsWith('s') && !token.endsWith('ss') && token.length > 3) return token.slice(0, -1);
  return token;
}
