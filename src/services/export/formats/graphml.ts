import { isInt, type Integer } from 'neo4j-driver';
import type { FormatSpec, FormatWriter, WriterContext } from '../format-writer.js';
import type { ExportNode, ExportRelationship } from '../export-source.js';
import { integerValue, jsonValue, textValue } from '../values.js';
import { xmlAttr, xmlText } from './xml-text.js';

type GraphmlType = 'long' | 'double' | 'boolean' | 'string';
interface Key {
  id: string;
  type: GraphmlType;
  /** Lists are JSON arrays in a string key; `attr.list` names the element type (as APOC writes and reads it). */
  list?: GraphmlType;
}

const SCALAR: Record<string, GraphmlType> = { INTEGER: 'long', FLOAT: 'double', BOOLEAN: 'boolean', STRING: 'string' };

/** One GraphML type for every Neo4j value type a key was seen with: long+double is double, anything else mixed is string. */
export function graphmlKeyType(valueTypes: string[]): Omit<Key, 'id'> {
  const kinds = new Set<string>();
  const elems = new Set<string>();
  for (const t of valueTypes) {
    const bare = t.replace(/ NOT NULL/g, '');
    const list = /^LIST<(.+)>$/.exec(bare);
    if (list) {
      kinds.add('LIST');
      elems.add(list[1]!);
    } else kinds.add(bare);
  }
  const one = (set: Set<string>): GraphmlType => {
    const ts = [...set].map((k) => SCALAR[k] ?? 'string');
    if (ts.length === 1) return ts[0]!;
    return ts.every((t) => t === 'long' || t === 'double') ? 'double' : 'string';
  };
  if (kinds.size === 1 && kinds.has('LIST')) return { type: 'string', list: elems.size === 0 ? 'string' : one(elems) };
  if (kinds.has('LIST')) return { type: 'string' };
  return { type: one(kinds) };
}

function declare(map: Map<string, string[]>, prefix: string): Map<string, Key> {
  const keys = new Map<string, Key>();
  for (const [name, types] of [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    keys.set(name, { id: `${prefix}${keys.size}`, ...graphmlKeyType(types) });
  }
  return keys;
}

function keyXml(name: string, key: Key, element: 'node' | 'edge'): string {
  const list = key.list ? ` attr.list="${key.list}"` : '';
  return `  <key id="${key.id}" for="${element}" attr.name="${xmlAttr(name)}" attr.type="${key.type}"${list}/>\n`;
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(jsonValue(v));
  if (isInt(v)) return String(integerValue(v as Integer));
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'INF' : v === -Infinity ? '-INF' : String(v);
  if (typeof v === 'boolean') return String(v);
  return textValue(v);
}

function data(props: Record<string, unknown>, keys: Map<string, Key>): string {
  let out = '';
  for (const [name, v] of Object.entries(props)) {
    const key = keys.get(name);
    if (!key || v === null || v === undefined) continue;
    out += `<data key="${key.id}">${xmlText(valueText(v))}</data>`;
  }
  return out;
}

/**
 * GraphML (Gephi, yEd, Cytoscape, networkx, apoc.import.graphml): keys declared once with their types, node ids =
 * URNs, `labels` (":A:B", as APOC writes it) and edge `type` as keys.
 */
function graphmlWriter(ctx: WriterContext): FormatWriter {
  const nodeKeys = declare(ctx.types.node, 'n');
  const edgeKeys = declare(ctx.types.edge, 'e');
  return {
    begin() {
      let head =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
        '  <key id="labels" for="node" attr.name="labels" attr.type="string"/>\n' +
        '  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n';
      for (const [name, key] of nodeKeys) head += keyXml(name, key, 'node');
      for (const [name, key] of edgeKeys) head += keyXml(name, key, 'edge');
      return `${head}  <graph id="helix" edgedefault="directed">\n`;
    },
    node(n: ExportNode) {
      const labels = `:${n.labels.join(':')}`;
      return `    <node id="${xmlAttr(n.urn)}" labels="${xmlAttr(labels)}"><data key="labels">${xmlText(labels)}</data>${data(n.props, nodeKeys)}</node>\n`;
    },
    relationship(r: ExportRelationship) {
      return (
        `    <edge source="${xmlAttr(r.from)}" target="${xmlAttr(r.to)}" label="${xmlAttr(r.type)}">` +
        `<data key="type">${xmlText(r.type)}</data>${data(r.props, edgeKeys)}</edge>\n`
      );
    },
    end() {
      return '  </graph>\n</graphml>\n';
    },
  };
}

export const graphml: FormatSpec = {
  format: 'graphml',
  contentType: 'application/graphml+xml; charset=utf-8',
  extension: 'graphml',
  needsTypes: true,
  create: graphmlWriter,
};
