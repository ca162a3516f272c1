import type { GraphEdge, GraphNode, IngestIssue } from '../../ingest/core/graph.js';

/**
 * The longest text one property may hold (characters). A 300 MiB description once reached the writer whole; above
 * this a value is cut, marked, and reported as a PROPERTY_TRUNCATED warning naming the node and property, so one
 * oversized field can neither exhaust memory in Neo4j transactions nor make an ingestion fail.
 */
export const MAX_PROPERTY_CHARS = 1024 * 1024;
const MARK = ' … [truncated by Helix]';

/** Cuts oversized string properties (and strings in list properties) in place; one issue per cut property. */
export function capProperties(items: Array<GraphNode | GraphEdge>, issues: IngestIssue[], max = MAX_PROPERTY_CHARS): void {
  for (const item of items) {
    const props = item.props;
    if (!props) continue;
    for (const [key, value] of Object.entries(props)) {
      if (typeof value === 'string' && value.length > max) {
        props[key] = value.slice(0, max) + MARK;
        issues.push(truncated(item, key, value.length, max));
      } else if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.length > max)) {
        props[key] = value.map((v: unknown) => (typeof v === 'string' && v.length > max ? v.slice(0, max) + MARK : v)) as typeof value;
        issues.push(truncated(item, key, Math.max(...value.map((v: unknown) => (typeof v === 'string' ? v.length : 0))), max));
      }
    }
  }
}

function truncated(item: GraphNode | GraphEdge, key: string, length: number, max: number): IngestIssue {
  const subject = 'urn' in item ? item.urn : `${item.from} -[${item.type}]-> ${item.to}`;
  return {
    severity: 'warning',
    code: 'PROPERTY_TRUNCATED',
    message: `${key} of ${subject} has ${length} characters; kept the first ${max}`,
    subject: 'urn' in item ? item.urn : item.from,
  };
}
