import type { ViewModel } from './model.js';

/** Client-side exports of the current view (what the user opened and expanded), not of the whole lineage. */

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function toGraphML(model: ViewModel): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="namespace" for="node" attr.name="namespace" attr.type="string"/>',
    '  <key id="relation" for="edge" attr.name="type" attr.type="string"/>',
    '  <graph id="helix-explorer-view" edgedefault="directed">',
  ];
  for (const n of model.nodes.values()) {
    lines.push(`    <node id="${xml(n.urn)}">`);
    lines.push(`      <data key="name">${xml(n.name)}</data>`, `      <data key="type">${xml(n.type)}</data>`);
    if (n.namespace) lines.push(`      <data key="namespace">${xml(n.namespace)}</data>`);
    lines.push('    </node>');
  }
  let i = 0;
  for (const e of model.edges.values()) {
    lines.push(`    <edge id="e${i++}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="relation">${xml(e.type)}</data></edge>`);
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** A Mermaid flowchart, left to right; ids are positional because URNs are not valid Mermaid ids. */
export function toMermaid(model: ViewModel): string {
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  for (const n of model.nodes.values()) {
    const id = `n${ids.size}`;
    ids.set(n.urn, id);
    const label = `${n.name} (${n.type})`.replace(/"/g, '#quot;');
    lines.push(`  ${id}["${label}"]`);
  }
  for (const e of model.edges.values()) lines.push(`  ${ids.get(e.source)} -->|${e.type}| ${ids.get(e.target)}`);
  return `${lines.join('\n')}\n`;
}

export function download(name: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The server-side export of the whole lineage (GET /api/v1/export, issue #11), for the link in the menu. */
export function fullExportUrl(urn: string, direction: string, depth: number): string {
  const p = new URLSearchParams({ format: 'graphml', lineage: urn, direction, depth: String(depth) });
  return `/api/v1/export?${p.toString()}`;
}
