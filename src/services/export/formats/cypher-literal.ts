import { isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isTime, type Integer } from 'neo4j-driver';
import { isPoint, isTemporal } from '../values.js';

/** A Cypher string literal: single-quoted, with every character that could end or bend it escaped. */
export function cypherString(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A name (label, relationship type, map key): bare when it is a plain identifier, else backticked. */
export function cypherName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function cypherFloat(v: number): string {
  if (Number.isNaN(v)) return '(0.0 / 0.0)';
  if (v === Infinity) return '(1.0 / 0.0)';
  if (v === -Infinity) return '(-1.0 / 0.0)';
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  if (/e/i.test(s)) {
    const [m, e] = s.split(/e/i) as [string, string];
    return `${m.includes('.') ? m : `${m}.0`}E${e.replace('+', '')}`;
  }
  return s.includes('.') ? s : `${s}.0`;
}

const TEMPORAL: Array<[(v: unknown) => boolean, string]> = [
  [isDateTime, 'datetime'],
  [isLocalDateTime, 'localdatetime'],
  [isDate, 'date'],
  [isTime, 'time'],
  [isLocalTime, 'localtime'],
  [isDuration, 'duration'],
];

/** A value as a Cypher literal of the same type: Integer stays INTEGER, 1.0 stays FLOAT, temporals and points typed. */
export function cypherLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (isInt(v)) return (v as Integer).toString();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return cypherFloat(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return cypherString(v);
  if (Array.isArray(v)) return `[${v.map(cypherLiteral).join(', ')}]`;
  if (isTemporal(v)) {
    const fn = TEMPORAL.find(([is]) => is(v))![1];
    return `${fn}(${cypherString(String(v))})`;
  }
  if (isPoint(v)) {
    const z = v.z === undefined ? '' : `, z: ${cypherFloat(v.z)}`;
    return `point({srid: ${Number(v.srid)}, x: ${cypherFloat(v.x)}, y: ${cypherFloat(v.y)}${z}})`;
  }
  return cypherMap(v as Record<string, unknown>);
}

/** A map literal with its keys in a stable (sorted) order. */
export function cypherMap(m: Record<string, unknown>): string {
  const keys = Object.keys(m).sort();
  return `{${keys.map((k) => `${cypherName(k)}: ${cypherLiteral(m[k])}`).join(', ')}}`;
}
