import type { FormatSpec } from '../format-writer.js';
import { jsonProps } from '../values.js';

/**
 * JSON lines: nodes first — {"type":"node","urn","labels","properties"} — then relationships —
 * {"type":"relationship","rel","from","to","properties"} with URN ends. Integers are numbers, temporals ISO strings.
 */
export const jsonl: FormatSpec = {
  format: 'jsonl',
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'jsonl',
  create: () => ({
    begin: () => '',
    node: (n) => `${JSON.stringify({ type: 'node', urn: n.urn, labels: n.labels, properties: jsonProps(n.props) })}\n`,
    relationship: (r) =>
      `${JSON.stringify({ type: 'relationship', rel: r.type, from: r.from, to: r.to, properties: jsonProps(r.props) })}\n`,
    end: () => '',
  }),
};
