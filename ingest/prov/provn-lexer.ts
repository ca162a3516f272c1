/** Tokens of W3C PROV-N (https://www.w3.org/TR/prov-n/), positions 1-based. */
export type TokenKind = 'name' | 'iri' | 'string' | 'qname' | 'punct' | 'invalid' | 'eof';

export interface Token {
  kind: TokenKind;
  /** name: the qualified name or time as written; iri: without <>; string: unescaped; qname: unescaped, without quotes;
   *  punct: one of ( ) , ; [ ] = %%; invalid: what is wrong. */
  text: string;
  line: number;
  col: number;
  /** Language tag of a string literal (`"bonjour"@fr`). */
  lang?: string;
}

const IRI_END = /[>\s]/g;
const PUNCT = new Set(['(', ')', ',', ';', '[', ']', '=']);
const ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * Characters of qualified names and times. PROV-N's PN_LOCAL admits / @ ~ & + * ? # $ ! and %HH; ':' and '-' are
 * here too so that prefixed names and xsd:dateTime values (2011-11-16T16:05:00+01:00) are each one token.
 */
const NAME_ASCII = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:/@~&+*?#$!');
function isNameChar(c: string): boolean {
  return NAME_ASCII.has(c) || (c.charCodeAt(0) >= 0x80 && !/\s/.test(c));
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (startLine: number, startCol: number, kind: TokenKind, value: string, lang?: string) => {
    tokens.push({ kind, text: value, line: startLine, col: startCol, ...(lang ? { lang } : {}) });
  };
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
  };

  while (i < text.length) {
    const c = text[i]!;
    const col = i - lineStart + 1;
    const startLine = line;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || /\s/.test(c)) {
      advance(i + 1);
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      advance(end < 0 ? text.length : end);
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) at(startLine, col, 'invalid', 'unterminated comment');
      advance(end < 0 ? text.length : end + 2);
    } else if (PUNCT.has(c)) {
      at(startLine, col, 'punct', c);
      advance(i + 1);
    } else if (text.startsWith('%%', i)) {
      at(startLine, col, 'punct', '%%');
      advance(i + 2);
    } else if (c === '<') {
      IRI_END.lastIndex = i + 1;
      const end = IRI_END.exec(text)?.index ?? text.length;
      if (text[end] !== '>') {
        at(startLine, col, 'invalid', 'unterminated IRI');
        advance(end);
      } else {
        at(startLine, col, 'iri', text.slice(i + 1, end));
        advance(end + 1);
      }
    } else if (c === '"') {
      const { value, end, error } = readString(text, i);
      let next = end;
      let lang: string | undefined;
      const tag = /^@([A-Za-z]+(?:-[A-Za-z0-9]+)*)/.exec(text.slice(end, end + 64));
      if (!error && tag) {
        lang = tag[1];
        next += tag[0].length;
      }
      at(startLine, col, error ? 'invalid' : 'string', error ?? value, lang);
      advance(next);
    } else if (c === "'") {
      const end = findClosingQuote(text, i + 1);
      if (end < 0) {
        at(startLine, col, 'invalid', 'unterminated qualified name literal');
        advance(lineEnd(text, i));
      } else {
        at(startLine, col, 'qname', unescapeName(text.slice(i + 1, end)));
        advance(end + 1);
      }
    } else if (isNameChar(c) || c === '\\' || c === '%') {
      let end = i;
      while (end < text.length) {
        const d = text[end]!;
        if (d === '\\' && end + 1 < text.length) end += 2;
        else if (d === '%' && /^%[0-9A-Fa-f]{2}/.test(text.slice(end, end + 3))) end += 3;
        else if (isNameChar(d) && !text.startsWith('//', end) && !text.startsWith('/*', end)) end++;
        else break;
      }
      if (end === i) {
        at(startLine, col, 'invalid', `unexpected character '${c}'`);
        end = i + 1;
      } else {
        at(startLine, col, 'name', text.slice(i, end));
      }
      advance(end);
    } else {
      at(startLine, col, 'invalid', `unexpected character '${c}'`);
      advance(i + 1);
    }
  }
  tokens.push({ kind: 'eof', text: '', line, col: i - lineStart + 1 });
  return tokens;
}

/** `"…"` (no line breaks) or `"""…"""` (any), with PROV-N's ECHAR escapes; other backslashes are kept. */
function readString(text: string, start: number): { value: string; end: number; error?: string } {
  const long = text.startsWith('"""', start);
  let i = start + (long ? 3 : 1);
  let value = '';
  while (i < text.length) {
    const c = text[i]!;
    if (long ? text.startsWith('"""', i) : c === '"') return { value, end: i + (long ? 3 : 1) };
    if (!long && (c === '\n' || c === '\r')) break;
    if (c === '\\' && i + 1 < text.length) {
      // Not every writer escapes backslashes (the Python prov package does not): `C:\data` keeps its `\d`.
      value += ESCAPES[text[i + 1]!] ?? `\\${text[i + 1]}`;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: long ? text.length : lineEnd(text, start), error: 'unterminated string' };
}

function findClosingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** PN_CHARS_ESC: `ex:a\=b` names `ex:a=b`. */
export function unescapeName(name: string): string {
  return name.replace(/\\(.)/g, '$1');
}

/** A PROV-N document starts, after comments and blank space, with the keyword `document`. */
export function looksLikeProvN(head: string): boolean {
  const first = tokenize(head.replace(/^\uFEFF/, '')).find((t) => t.kind !== 'invalid' || t.text !== 'unterminated comment');
  return first?.kind === 'name' && first.text === 'document';
}
