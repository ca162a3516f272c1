import type { FormatSpec, FormatWriter } from '../format-writer.js';
import type { ExportNode } from '../export-source.js';
import { displayName, mainLabel, textValue } from '../values.js';

/**
 * A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n (a centred line in labels), and `&`
 * as `&amp;` because Graphviz reads HTML entities in labels (a literal "&amp;" must stay visible as such).
 */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;').replace(/\r\n|\r|\n/g, '\\n')}"`;
}

/** The cluster a node is drawn in: its namespace, else its layer, else none. */
function clusterOf(n: ExportNode): string | null {
  for (const k of ['namespace', 'layer']) {
    const v = n.props[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

/**
 * Graphviz DOT: ids are the quoted URNs, labels "name\n(Type)", one cluster per namespace (or layer). DOT merges
 * subgraphs of the same name, so each node is written into its cluster as it streams by (consecutive nodes of one
 * cluster share a block). Properties become `helix_<key>` attributes.
 */
function dotWriter(props: boolean): FormatWriter {
  let open: string | null = null;
  const close = () => {
    const out = open === null ? '' : '  }\n';
    open = null;
    return out;
  };
  return {
    begin: () => 'digraph helix {\n  graph [rankdir=LR, fontname="Helvetica"];\n  node [shape=box, style="rounded", fontname="Helvetica"];\n',
    node(n) {
      const cluster = clusterOf(n);
      let out = '';
      if (cluster !== open) {
        out += close();
        if (cluster !== null) {
          out += `  subgraph ${dotString(`cluster_${cluster}`)} {\n    label=${dotString(cluster)};\n`;
          open = cluster;
        }
      }
      const attrs = [`label=${dotString(`${displayName(n.urn, n.props)}\n(${mainLabel(n.labels)})`)}`, `helix_labels=${dotString(n.labels.join(':'))}`];
      if (props) for (const [k, v] of Object.entries(n.props)) attrs.push(`${dotString(`helix_${k}`)}=${dotString(textValue(v))}`);
      return `${out}${open === null ? '  ' : '    '}${dotString(n.urn)} [${attrs.join(', ')}];\n`;
    },
    relationship(r) {
      const attrs = [`label=${dotString(r.type)}`];
      if (props) for (const [k, v] of Object.entries(r.props)) attrs.push(`${dotString(`helix_${k}`)}=${dotString(textValue(v))}`);
      return `${close()}  ${dotString(r.from)} -> ${dotString(r.to)} [${attrs.join(', ')}];\n`;
    },
    end: () => `${close()}}\n`,
  };
}

export const dot: FormatSpec = {
  format: 'dot',
  contentType: 'text/vnd.graphviz; charset=utf-8',
  extension: 'dot',
  create: (ctx) => dotWriter(ctx.request.properties),
};
