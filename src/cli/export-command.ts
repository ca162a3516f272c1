import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { requireQueries } from '../db/registry.js';
import { HelixError } from '../errors.js';
import { withHelix } from './bootstrap.js';

const Q = requireQueries(['export/stream-graphml', 'export/stream-cypher', 'export/stream-json'] as const);
const FORMATS = { graphml: Q['export/stream-graphml'], cypher: Q['export/stream-cypher'], json: Q['export/stream-json'] };

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export the whole graph (GraphML for Gephi/yEd, Cypher statements, JSON lines)')
    .option('--format <format>', `one of ${Object.keys(FORMATS).join(', ')}`, 'graphml')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { format: string; out?: string }) => {
      const query = FORMATS[o.format as keyof typeof FORMATS];
      if (!query) throw new HelixError('BAD_USER_INPUT', `unknown format '${o.format}'; use ${Object.keys(FORMATS).join(', ')}`);
      await withHelix({}, async (helix) => {
        const rows = await helix.exec.read(query, {}, { op: `export ${o.format}`, timeoutMs: 600_000 });
        const text = rows.map((r) => String(r.data ?? '')).join('');
        if (o.out) writeFileSync(o.out, text);
        else process.stdout.write(text);
      });
    });
}
