import type { FormatSpec, FormatWriter } from '../format-writer.js';
import { displayName, mainLabel } from '../values.js';

/**
 * Text inside a quoted Mermaid label: Mermaid decodes `#name;` / `#code;` entities, so every character that could end
 * the label or be read as markup (quotes, backticks, <&>, #, brackets, pipes) and line breaks become numeric entities.
 */
export function mermaidText(s: string): string {
  return s.replace(/[\u0000-\u001F"#&<>`|[\]{}()\\;]/g, (c) => `#${c.codePointAt(0)};`);
}

/**
 * Mermaid `flowchart LR`: ids are made safe (n0, n1, ... in urn order), labels escaped. Meant for documentation-sized
 * graphs: the node count is checked before the first byte (HELIX_EXPORT_MERMAID_MAX_NODES, default 500).
 */
function mermaidWriter(): FormatWriter {
  const ids = new Map<string, string>();
  return {
    begin: () => 'flowchart LR\n',
    node(n) {
      const id = `n${ids.size}`;
      ids.set(n.urn, id);
      return `  ${id}["${mermaidText(displayName(n.urn, n.props))}<br/>${mermaidText(mainLabel(n.labels))}"]\n`;
    },
    relationship(r) {
      const from = ids.get(r.from);
      const to = ids.get(r.to);
      if (from === undefined || to === undefined) return '';
      return `  ${from} -->|"${mermaidText(r.type)}"| ${to}\n`;
    },
    end: () => '',
  };
}

export const mermaid: FormatSpec = {
  format: 'mermaid',
  contentType: 'text/vnd.mermaid; charset=utf-8',
  extension: 'mmd',
  maxNodes: (o) => o.mermaidMaxNodes,
  create: () => mermaidWriter(),
};
