import { requireQueries } from '../../../db/registry.js';
import type { FormatSpec, FormatWriter, WriterContext } from '../format-writer.js';
import type { ExportNode, ExportRelationship } from '../export-source.js';
import { cypherLiteral, cypherMap, cypherName, cypherString } from './cypher-literal.js';

const Q = requireQueries(['export/list-constraints'] as const);

/** Rows per UNWIND statement: large enough to load fast, small enough for any client's statement size. */
const BATCH = 100;
const NODE_URN = 'CREATE CONSTRAINT node_urn IF NOT EXISTS FOR (n:Node) REQUIRE n.urn IS UNIQUE;';

/** `CREATE CONSTRAINT name FOR ...` as SHOW CONSTRAINTS prints it, made idempotent. */
export function idempotentConstraint(statement: string): string {
  return `${statement.replace(/^CREATE CONSTRAINT ((?:`(?:[^`]|``)*`|\S+) )?FOR/i, (_, name: string | undefined) => `CREATE CONSTRAINT ${name ?? ''}IF NOT EXISTS FOR`)};`;
}

/**
 * A plain Cypher script (cypher-shell, Neo4j Browser, driver `run` per statement): the source's constraints, then
 * nodes and relationships in `UNWIND [literal rows] AS row` batches grouped by label set / type, MERGEd on `urn`
 * with properties replaced as a whole, so that running it twice changes nothing. Buffers: one batch per label set
 * and per relationship type.
 */
async function cypherWriter(ctx: WriterContext): Promise<FormatWriter> {
  const constraints = await ctx.exec.read(Q['export/list-constraints'], {}, { op: 'export constraints', requestId: ctx.requestId });
  const statements = constraints.map((c) => idempotentConstraint(String(c.createStatement)));
  const hasNodeUrn = constraints.some((c) => /FOR \(\w+:`?Node`?\) REQUIRE \(?\w+\.`?urn`?\)? IS UNIQUE/.test(String(c.createStatement)));
  const nodeBatches = new Map<string, string[]>();
  const relBatches = new Map<string, string[]>();

  const nodeStatement = (labels: string, rows: string[]) =>
    `UNWIND [${rows.join(',\n  ')}] AS row\nMERGE (n:Node {urn: row.urn})\nSET n = row.props, n.urn = row.urn${labels};\n`;
  const relStatement = (type: string, rows: string[]) =>
    `UNWIND [${rows.join(',\n  ')}] AS row\nMATCH (a:Node {urn: row.from})\nMATCH (b:Node {urn: row.to})\n` +
    `MERGE (a)-[r:${cypherName(type)}]->(b)\nSET r = row.props;\n`;
  const flush = (batches: Map<string, string[]>, make: (key: string, rows: string[]) => string) => {
    let out = '';
    for (const [key, rows] of batches) if (rows.length > 0) out += make(key, rows);
    batches.clear();
    return out;
  };

  return {
    begin() {
      return `${[...(hasNodeUrn ? [] : [NODE_URN]), ...statements].join('\n')}\n`;
    },
    node(n: ExportNode) {
      const own = n.labels.filter((l) => l !== 'Node').sort();
      const key = own.length > 0 ? `\nSET n:${own.map(cypherName).join(':')}` : '';
      const rows = nodeBatches.get(key) ?? [];
      nodeBatches.set(key, rows);
      rows.push(`{urn: ${cypherString(n.urn)}, props: ${cypherMap(n.props)}}`);
      if (rows.length < BATCH) return '';
      nodeBatches.delete(key);
      return nodeStatement(key, rows);
    },
    relationship(r: ExportRelationship) {
      let out = flush(nodeBatches, nodeStatement);
      const rows = relBatches.get(r.type) ?? [];
      relBatches.set(r.type, rows);
      rows.push(`{from: ${cypherString(r.from)}, to: ${cypherString(r.to)}, props: ${cypherMap(r.props)}}`);
      if (rows.length >= BATCH) {
        relBatches.delete(r.type);
        out += relStatement(r.type, rows);
      }
      return out;
    },
    end() {
      return flush(nodeBatches, nodeStatement) + flush(relBatches, relStatement);
    },
  };
}

export const cypher: FormatSpec = {
  format: 'cypher',
  contentType: 'application/x-cypher-query; charset=utf-8',
  extension: 'cypher',
  create: cypherWriter,
};

export { cypherLiteral };
