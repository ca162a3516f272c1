import type { LineageDiff } from '../services/history/diff.js';

const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const RESET = '\u001b[0m';

/**
 * `helix diff` for a terminal: one line per change, `+` added, `-` removed, `~` changed (with the fields), grouped
 * by nodes and edges. Colour only when asked (stdout is a TTY), so piped output stays plain text.
 */
export function formatDiff(d: LineageDiff, colour: boolean): string {
  const paint = (c: string, s: string) => (colour ? `${c}${s}${RESET}` : s);
  const end = (i: { at: string; ingestion: string | null }) => (i.ingestion ? `ingestion ${i.ingestion} (${i.at})` : i.at);
  const lines = [`lineage of ${d.namespace}: ${end(d.from)} -> ${end(d.to)}`];
  const total =
    d.addedNodes.length + d.removedNodes.length + d.changedNodes.length + d.addedEdges.length + d.removedEdges.length;
  if (total === 0) return `${lines[0]}\nno changes\n`;
  const nodes = [
    ...d.addedNodes.map((n) => paint(GREEN, `+ ${n.type} ${n.urn}`)),
    ...d.removedNodes.map((n) => paint(RED, `- ${n.type} ${n.urn}`)),
    ...d.changedNodes.map((n) => paint(YELLOW, `~ ${n.type} ${n.urn}: ${n.changedFields.join(', ')}`)),
  ];
  const edges = [
    ...d.addedEdges.map((e) => paint(GREEN, `+ ${e.from} -[${e.type}]-> ${e.to}`)),
    ...d.removedEdges.map((e) => paint(RED, `- ${e.from} -[${e.type}]-> ${e.to}`)),
  ];
  if (nodes.length > 0) lines.push('', `nodes (${d.addedNodes.length} added, ${d.removedNodes.length} removed, ${d.changedNodes.length} changed)`, ...nodes);
  if (edges.length > 0) lines.push('', `edges (${d.addedEdges.length} added, ${d.removedEdges.length} removed)`, ...edges);
  return `${lines.join('\n')}\n`;
}
