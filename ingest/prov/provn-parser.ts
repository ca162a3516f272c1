import type { IngestIssue } from '../core/graph.js';
import type { JsonObject } from '../common/values.js';
import { addAttribute, ProvJsonBuilder } from './provn-json.js';
import { tokenize, unescapeName, type Token } from './provn-lexer.js';
import { DATE_TIME, NUMBER, STATEMENTS, type ArgKind, type StatementShape } from './provn-records.js';

export interface ProvNParseResult {
  /** The document in PROV-JSON shape, for readProvDocument. */
  document: JsonObject;
  issues: IngestIssue[];
}

const MAX_ISSUES = 100;

class ProvNSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * A W3C PROV-N document as PROV-JSON. Recursive descent over the grammar of https://www.w3.org/TR/prov-n/, lenient
 * where writers are: trailing optional arguments may be left out, prefixes may be declared anywhere. A statement
 * with a syntax error is reported (line and column) and skipped; parsing goes on at the next statement.
 */
export function parseProvN(text: string, opts: { file?: string } = {}): ProvNParseResult {
  return new ProvNParser(tokenize(text), opts.file).parse();
}

class ProvNParser {
  private pos = 0;
  private readonly issues: IngestIssue[] = [];
  private reported = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly file?: string,
  ) {}

  parse(): ProvNParseResult {
    const root = new ProvJsonBuilder();
    if (this.isName(this.peek(), 'document')) this.pos++;
    else this.report('error', 'PROVN_SYNTAX_ERROR', this.peek(), "expected 'document'; reading statements anyway");
    this.scope(root, 'endDocument');
    if (this.peek().kind !== 'eof') this.report('error', 'PROVN_SYNTAX_ERROR', this.peek(), 'text after endDocument ignored');
    if (this.reported > MAX_ISSUES) {
      this.issues.push({ severity: 'info', code: 'PROVN_TOO_MANY_ISSUES', message: `${this.reported - MAX_ISSUES} further PROV-N issues not listed`, file: this.file });
    }
    return { document: root.json, issues: this.issues };
  }

  private scope(builder: ProvJsonBuilder, end: 'endDocument' | 'endBundle'): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') {
        this.report(end === 'endDocument' ? 'warning' : 'error', 'PROVN_SYNTAX_ERROR', t, `missing ${end}`);
        return;
      }
      if (this.isName(t, 'endDocument')) {
        if (end === 'endBundle') this.report('error', 'PROVN_SYNTAX_ERROR', t, 'missing endBundle');
        else this.pos++;
        return;
      }
      if (this.isName(t, 'endBundle')) {
        this.pos++;
        if (end === 'endBundle') return;
        this.report('error', 'PROVN_SYNTAX_ERROR', t, 'endBundle without bundle');
        continue;
      }
      const start = this.pos;
      try {
        const bundle = this.statement(builder);
        if (bundle) this.scope(bundle, 'endBundle');
      } catch (error) {
        if (!(error instanceof ProvNSyntaxError)) throw error;
        this.report('error', 'PROVN_SYNTAX_ERROR', this.tokens[error.index]!, `${error.message}; statement skipped`);
        this.recover(start, error.index);
      }
    }
  }

  /** One declaration or expression; a bundle header returns the bundle to read into. */
  private statement(builder: ProvJsonBuilder): ProvJsonBuilder | undefined {
    const t = this.peek();
    if (this.isName(t, 'prefix')) {
      this.pos++;
      const name = this.expect('name', 'a prefix');
      if (name.text.includes(':')) throw this.fail(name, 'a prefix without a colon');
      builder.prefix(name.text, this.expect('iri', 'an IRI in <>').text);
      return undefined;
    }
    if (this.isName(t, 'default')) {
      this.pos++;
      builder.prefix('default', this.expect('iri', 'an IRI in <>').text);
      return undefined;
    }
    if (this.isName(t, 'bundle')) {
      this.pos++;
      return builder.bundle(this.identifier());
    }
    if (t.kind !== 'name' || !this.isPunct(this.peek(1), '(')) throw this.fail(t, 'a statement');
    const shape = STATEMENTS[t.text];
    if (!shape) {
      this.report('warning', 'PROVN_UNSUPPORTED_STATEMENT', t, `${t.text}(…) is not read; skipped`);
      this.recover(this.pos, this.pos + 1);
      return undefined;
    }
    this.pos += 2;
    const attrs: JsonObject = {};
    let id: string | undefined;
    if (shape.element) id = this.identifier();
    else if (this.isPunct(this.peek(1), ';')) {
      if (this.isName(this.peek(), '-')) this.pos++;
      else id = this.identifier();
      this.pos++;
    }
    let index = 0;
    if (!shape.element) this.positional(t.text, shape, index++, attrs);
    while (!this.isPunct(this.peek(), ')')) {
      this.expect('punct', "',' or ')'", ',');
      if (this.isPunct(this.peek(), '[')) {
        this.attributes(attrs);
        break;
      }
      this.positional(t.text, shape, index++, attrs);
    }
    this.expect('punct', "')'", ')');
    builder.add(shape.block, id, attrs);
    return undefined;
  }

  private positional(statement: string, shape: StatementShape, index: number, attrs: JsonObject): void {
    const arg = shape.args[index];
    if (!arg) throw this.fail(this.peek(), `'[' (${statement} takes ${shape.args.length + (shape.element ? 1 : 0)} arguments, then attributes)`);
    const value = this.argument(arg[1]);
    if (value !== undefined) addAttribute(attrs, arg[0], value);
  }

  private argument(kind: ArgKind): string | undefined {
    const t = this.next();
    if (this.isName(t, '-')) return undefined;
    if (kind === 'time') {
      if (t.kind === 'name' && DATE_TIME.test(t.text)) return t.text;
      throw this.fail(t, "a time (xsd:dateTime) or '-'");
    }
    if (t.kind !== 'name' || DATE_TIME.test(t.text)) throw this.fail(t, "an identifier or '-'");
    return unescapeName(t.text);
  }

  private identifier(): string {
    const t = this.next();
    if (t.kind !== 'name' || t.text === '-' || DATE_TIME.test(t.text)) throw this.fail(t, 'an identifier');
    return unescapeName(t.text);
  }

  private attributes(attrs: JsonObject): void {
    this.expect('punct', "'['", '[');
    if (this.isPunct(this.peek(), ']')) return void this.pos++;
    for (;;) {
      const key = this.identifier();
      this.expect('punct', "'='", '=');
      addAttribute(attrs, key, this.literal());
      if (this.isPunct(this.peek(), ']')) return void this.pos++;
      this.expect('punct', "',' or ']'", ',');
    }
  }

  /** A literal in PROV-JSON form: typed values as {"$", "type"}, tagged strings as {"$", "lang"}. */
  private literal(): unknown {
    const t = this.next();
    if (t.kind === 'string') {
      if (this.isPunct(this.peek(), '%%')) {
        this.pos++;
        const type = this.next();
        if (type.kind !== 'name' && type.kind !== 'qname') throw this.fail(type, 'a datatype');
        return { $: t.text, type: type.kind === 'qname' ? type.text : unescapeName(type.text) };
      }
      return t.lang ? { $: t.text, lang: t.lang } : t.text;
    }
    if (t.kind === 'qname') return { $: t.text, type: 'prov:QUALIFIED_NAME' };
    if (t.kind === 'name' && t.text !== '-') {
      if (NUMBER.test(t.text) && Number.isFinite(Number(t.text))) return Number(t.text);
      if (DATE_TIME.test(t.text)) return { $: t.text, type: 'xsd:dateTime' };
      return { $: unescapeName(t.text), type: 'prov:QUALIFIED_NAME' };
    }
    throw this.fail(t, 'a literal');
  }

  /** Skips to the end of the broken statement: its closing ')' or the next statement, whichever comes first. */
  private recover(start: number, errorIndex: number): void {
    let depth = 0;
    for (let i = start; i < errorIndex; i++) depth += this.parenDelta(this.tokens[i]!);
    for (let i = errorIndex; ; i++) {
      const t = this.tokens[i]!;
      if (t.kind === 'eof' || (i > start && this.startsStatement(i))) {
        this.pos = i;
        return;
      }
      depth += this.parenDelta(t);
      if (this.isPunct(t, ')') && depth <= 0) {
        this.pos = i + 1;
        return;
      }
    }
  }

  private startsStatement(i: number): boolean {
    const t = this.tokens[i]!;
    const next = this.tokens[i + 1];
    if (t.kind !== 'name' || !next) return false;
    const firstOnLine = this.tokens[i - 1]!.line < t.line;
    if (this.isPunct(next, '(')) return t.text in STATEMENTS || firstOnLine;
    if (t.text === 'endDocument' || t.text === 'endBundle') return true;
    if (t.text === 'prefix' || t.text === 'bundle') return firstOnLine || next.kind === 'name';
    return t.text === 'default' && (firstOnLine || next.kind === 'iri');
  }

  private parenDelta(t: Token): number {
    return this.isPunct(t, '(') ? 1 : this.isPunct(t, ')') ? -1 : 0;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private expect(kind: Token['kind'], what: string, text?: string): Token {
    const t = this.peek();
    if (t.kind !== kind || (text !== undefined && t.text !== text)) throw this.fail(t, what);
    this.pos++;
    return t;
  }

  private isName(t: Token, text: string): boolean {
    return t.kind === 'name' && t.text === text;
  }

  private isPunct(t: Token, text: string): boolean {
    return t.kind === 'punct' && t.text === text;
  }

  private fail(t: Token, expected: string): ProvNSyntaxError {
    const index = this.tokens.indexOf(t);
    const found = t.kind === 'eof' ? 'end of file' : t.kind === 'string' ? `"${t.text}"` : `'${t.text}'`;
    return new ProvNSyntaxError(t.kind === 'invalid' ? t.text : `expected ${expected}, found ${found}`, index < 0 ? this.pos : index);
  }

  private report(severity: IngestIssue['severity'], code: string, t: Token, message: string): void {
    if (++this.reported > MAX_ISSUES) return;
    this.issues.push({ severity, code, message: `line ${t.line}, column ${t.col}: ${message}`, file: this.file, line: t.line });
  }
}
