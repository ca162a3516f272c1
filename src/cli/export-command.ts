import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { EXPORT_FORMATS } from '../services/export/export-request.js';
import { withHelix } from './bootstrap.js';

interface ExportFlags {
  format: string;
  namespace?: string;
  lineage?: string;
  provenance?: string;
  direction?: string;
  depth?: string;
  level?: string;
  limit?: string;
  types?: string;
  relTypes?: string;
  properties: boolean;
  internal?: boolean;
  out?: string;
  json?: boolean;
  mermaidMaxNodes?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('stream the graph or a subgraph in one of several formats (Gephi/yEd, Neo4j, Graphviz, Mermaid, JSON-LD, OpenLineage)')
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')} (json: alias of jsonl)`, 'graphml')
    .option('--namespace <name>', 'the nodes of one namespace (dbt ingestion scope dbt:<name>, OpenLineage namespace, run kind)')
    .option('--lineage <urn>', 'the lineage of a capsule or column (the nodes the GraphQL lineage query returns)')
    .option('--provenance <urn>', 'the provenance of a node (the nodes the GraphQL provenance query returns)')
    .option('--direction <dir>', 'lineage: UPSTREAM | DOWNSTREAM | BOTH; provenance: HOW_MADE | WHAT_USED')
    .option('--depth <n>', 'lineage / provenance depth')
    .option('--level <level>', 'lineage level: TABLE | COLUMN')
    .option('--limit <n>', 'lineage / provenance node limit (as the GraphQL argument)')
    .option('--types <labels>', 'only nodes with one of these labels, comma-separated (Model,Source)')
    .option('--rel-types <types>', 'only relationships of these types, comma-separated')
    .option('--no-properties', 'structure only: no properties')
    .option('--internal', "include Helix's bookkeeping nodes (ingestion records, meta, migrations, caches)")
    .option('--out <file>', 'write to this file (stdout when absent)')
    .option('--json', 'print a summary (elements, bytes, time) as JSON: on stdout with --out, else on stderr')
    .option('--mermaid-max-nodes <n>', 'mermaid: refuse scopes with more nodes (default HELIX_EXPORT_MERMAID_MAX_NODES, 500)')
    .action(async (flags: ExportFlags) => {
      const { exportRequest } = await import('../services/export/export-request.js');
      const { prepareExport, writeExport } = await import('../services/export/run-export.js');
      const { serviceContext } = await import('../services/lineage/service-context.js');
      const request = exportRequest({ ...flags, properties: flags.properties });
      await withHelix({ cache: true }, async (helix) => {
        const s = serviceContext(helix, { op: 'export', requestId: 'cli' });
        const mermaidMaxNodes = flags.mermaidMaxNodes ? Number(flags.mermaidMaxNodes) : helix.config.HELIX_EXPORT_MERMAID_MAX_NODES;
        const progress = process.stderr.isTTY && !flags.json ? progressLine() : undefined;
        const options = { mermaidMaxNodes, onProgress: progress };
        const prepared = await prepareExport(s, request, options);
        // A file appears only when complete: written beside it, renamed at the end, removed on failure.
        const partial = flags.out ? `${flags.out}.partial` : undefined;
        const sink: Writable = partial ? createWriteStream(partial) : process.stdout;
        try {
          const summary = await writeExport(s, prepared, sink, options);
          if (partial) {
            sink.end();
            await finished(sink);
            renameSync(partial, flags.out!);
          }
          if (progress) process.stderr.write('\n');
          const report = { ...summary, out: flags.out ?? null };
          if (flags.json) (flags.out ? process.stdout : process.stderr).write(`${JSON.stringify(report)}\n`);
        } catch (error) {
          if (partial) {
            sink.destroy();
            rmSync(partial, { force: true });
          }
          throw error;
        }
      });
    });
}

/** Counts on one stderr line while a long export runs (terminals only). */
function progressLine(): (p: { nodes: number; relationships: number; bytes: number }) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    process.stderr.write(`\rexport: ${p.nodes} nodes, ${p.relationships} relationships, ${(p.bytes / 1e6).toFixed(1)} MB   `);
  };
}
