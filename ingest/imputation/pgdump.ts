import type { IngestIssue } from '../core/graph.js';

export interface PgRow {
  values: Array<string | null>;
  /** 1-based line in the dump. */
  line: number;
}

export interface PgTable {
  schema?: string;
  name: string;
  columns: string[];
  rows: PgRow[];
  line: number;
}

export interface PgDump {
  tables: PgTable[];
  issues: IngestIssue[];
}

const COPY_RE = /^COPY\s+((?:"(?:[^"]|"")+"|[^\s.(]+)(?:\.(?:"(?:[^"]|"")+"|[^\s.(]+))?)\s*(?:\(([^)]*)\))?\s+FROM\s+stdin\s*;?\s*$/i;

/**
 * The data of a plain-text pg_dump: every `COPY table (cols) FROM stdin;` block up to its `\.` line, each row split
 * on tabs and decoded per the COPY text format (`\N` is NULL; `\t`, `\n`, `\\`, octal and hex escapes).
 * Rows whose field count does not match the column list are reported and skipped.
 */
export function parsePgDump(text: string, file?: string): PgDump {
  const tables: PgTable[] = [];
  const issues: IngestIssue[] = [];
  const lines = text.split(/\r?\n/);
  let current: PgTable | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (current) {
      if (line === '\\.') {
        tables.push(current);
        current = undefined;
        continue;
      }
      if (i === lines.length - 1 && line === '') continue;
      const values = line.split('\t').map(decodeCopyField);
      if (values.length !== current.columns.length) {
        issues.push({
          severity: 'warning',
          code: 'PGDUMP_ROW_WIDTH',
          message: `${current.name}: row has ${values.length} fields, table has ${current.columns.length} columns; row skipped`,
          file,
          line: lineNo,
        });
        continue;
      }
      current.rows.push({ values, line: lineNo });
      continue;
    }
    if (!/^COPY\s/i.test(line)) continue;
    const m = COPY_RE.exec(line);
    if (!m) {
      issues.push({ severity: 'warning', code: 'PGDUMP_COPY_UNSUPPORTED', message: `COPY statement not understood: ${line.slice(0, 120)}`, file, line: lineNo });
      continue;
    }
    const parts = splitQualified(m[1]!);
    const name = parts[parts.length - 1]!;
    const schema = parts.length > 1 ? parts[0] : undefined;
    const columns = m[2] ? splitColumns(m[2]) : [];
    if (columns.length === 0) {
      issues.push({ severity: 'warning', code: 'PGDUMP_COPY_WITHOUT_COLUMNS', message: `COPY ${name} has no column list; block skipped`, file, line: lineNo });
      while (i + 1 < lines.length && lines[i + 1] !== '\\.') i += 1;
      i += 1;
      continue;
    }
    current = { schema, name, columns, rows: [], line: lineNo };
  }
  if (current) {
    issues.push({ severity: 'warning', code: 'PGDUMP_COPY_UNTERMINATED', message: `COPY ${current.name} has no terminating \\. line`, file, line: current.line });
    tables.push(current);
  }
  return { tables, issues };
}

function unquote(identifier: string): string {
  const t = identifier.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

function splitQualified(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of name) {
    if (ch === '"') quoted = !quoted;
    if (ch === '.' && !quoted) {
      parts.push(unquote(current));
      current = '';
    } else current += ch;
  }
  parts.push(unquote(current));
  return parts;
}

function splitColumns(list: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(unquote(current));
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') out.push(unquote(current));
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field of PostgreSQL COPY text format. */
export function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  const bytes: number[] = [];
  let out = '';
  const flushBytes = (): void => {
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < field.length; i += 1) {
    const ch = field[i]!;
    if (ch !== '\\' || i === field.length - 1) {
      flushBytes();
      out += ch;
      continue;
    }
    const next = field[i + 1]!;
    const octal = /^[0-7]{1,3}/.exec(field.slice(i + 1));
    const hex = next === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 2)) : null;
    if (octal) {
      // Octal and hex escapes are bytes of the server encoding (UTF-8), so multi-byte characters are reassembled.
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length;
    } else if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 1 + hex[0].length;
    } else {
      flushBytes();
      out += SIMPLE_ESCAPES[next] ?? next;
      i += 1;
    }
  }
  flushBytes();
  return out;
}

/** Rows of a table as objects keyed by column name. */
export function rowObjects(table: PgTable): Array<{ row: Record<string, string | null>; line: number }> {
  return table.rows.map((r) => ({
    row: Object.fromEntries(table.columns.map((c, i) => [c, r.values[i] ?? null])),
    line: r.line,
  }));
}
