import { spawnSync } from 'node:child_process';
import { JSDOM } from 'jsdom';

/**
 * Mermaid's own parser (the `mermaid` package, as a browser loads it) under jsdom: parse errors throw; the flowchart
 * database gives the vertices and edges it read.
 */
export async function parseMermaid(text: string): Promise<{ vertices: string[]; edges: Array<{ start: string; end: string; text: string }> }> {
  if (!('window' in globalThis)) {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  }
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as {
    getVertices(): Map<string, { text: string }>;
    getEdges(): Array<{ start: string; end: string; text: string }>;
  };
  return { vertices: [...db.getVertices().values()].map((v) => decodeMermaid(v.text)), edges: db.getEdges() };
}

/** What Mermaid shows for a label: its entity placeholders (`#35;` kept as an internal code) decoded. */
export function decodeMermaid(s: string): string {
  return s
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>' })[name] ?? `&${name};`);
}

/** Graphviz itself: `dot -Tsvg` must accept the file; the SVG comes back. */
export function renderDot(text: string): string {
  const r = spawnSync('dot', ['-Tsvg'], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`dot -Tsvg failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** networkx reads GraphML: node and edge counts and one node's attributes (python3 + networkx on the machine). */
export function readGraphmlWithNetworkx(path: string, urn: string): { nodes: number; edges: number; attrs: Record<string, unknown> } {
  const script =
    'import json,sys,networkx as nx\n' +
    'g=nx.read_graphml(sys.argv[1])\n' +
    'print(json.dumps({"nodes":g.number_of_nodes(),"edges":g.number_of_edges(),"attrs":g.nodes[sys.argv[2]]},ensure_ascii=False))\n';
  const r = spawnSync('python3', ['-c', script, path, urn], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`networkx failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { nodes: number; edges: number; attrs: Record<string, unknown> };
}
