import type { MappedGraph } from '../core/graph.js';
import { GraphBuilder } from '../common/graph-builder.js';
import type { ImputationContext, Row } from './context.js';
import { linkJobFiles, mapFileRecords, mapJobs, mapStatusUpdates } from './jobs.js';
import { parsePgDump, rowObjects } from './pgdump.js';
import { mapPanels, mapServices } from './services.js';

export interface ImputationDump {
  text: string;
  file?: string;
}

export interface ImputationOptions {
  /** Names the platform in user/file ids that are only unique inside it; default 'fedimpute'. */
  platform?: string;
}

const MAPPED = new Set(['imputation_services', 'reference_panels', 'imputation_jobs', 'job_status_updates', 'file_records']);

/**
 * pg_dump files of the federated imputation platform (service registry and job processor), mapped together so jobs
 * can name their service and reference panel: services → Agent + Job type, panels → ReferencePanel, jobs → Run,
 * status updates → StatusUpdate timeline, file records → File. Tables without provenance meaning
 * (health logs, templates, access logs) are counted and reported as info.
 */
export function mapImputationDumps(dumps: ImputationDump[], opts: ImputationOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  const ctx: ImputationContext = {
    b,
    platform: opts.platform ?? 'fedimpute',
    serviceKeyById: new Map(),
    panelKeyById: new Map(),
    fileById: new Map(),
  };
  const rowsByTable = new Map<string, Row[]>();
  for (const dump of dumps) {
    const parsed = parsePgDump(dump.text, dump.file);
    parsed.issues.forEach((i) => b.issue(i));
    for (const table of parsed.tables) {
      const rows = rowObjects(table).map((r) => ({ ...r, file: dump.file }));
      rowsByTable.set(table.name, [...(rowsByTable.get(table.name) ?? []), ...rows]);
      if (!MAPPED.has(table.name)) {
        b.count(`unmappedRows.${table.name}`, rows.length);
        if (rows.length > 0) {
          b.issue({ severity: 'info', code: 'IMPUTATION_TABLE_NOT_MAPPED', message: `table ${table.name}: ${rows.length} rows not mapped`, file: dump.file, line: table.line });
        }
      }
    }
  }
  const rows = (name: string): Row[] => rowsByTable.get(name) ?? [];
  mapServices(ctx, rows('imputation_services'));
  mapPanels(ctx, rows('reference_panels'));
  mapFileRecords(ctx, rows('file_records'));
  const jobIds = mapJobs(ctx, rows('imputation_jobs'));
  const inputIds = new Set(rows('imputation_jobs').map((r) => r.row.input_file_id).filter((x): x is string => !!x));
  linkJobFiles(ctx, jobIds, inputIds);
  mapStatusUpdates(ctx, rows('job_status_updates'), jobIds);
  return b.build();
}

/** A single dump; services and panels it references but does not contain are referenced by id. */
export function mapImputationDump(text: string, opts: ImputationOptions & { file?: string } = {}): MappedGraph {
  return mapImputationDumps([{ text, file: opts.file }], opts);
}
