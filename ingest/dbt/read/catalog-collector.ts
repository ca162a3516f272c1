import type { IngestIssue } from '../../core/graph.js';
import type { DbtCatalog, DbtCatalogColumn, DbtCatalogEntry } from '../artifacts.js';
import type { SectionHandlers } from '../../common/json-sections.js';
import { catalogEntrySchema, type CatalogEntryInput } from '../schema/catalog.js';
import { artifactMetadataSchema } from '../schema/metadata.js';
import { validateEntry } from '../schema/validate.js';
import { compact, text } from './normalize-fields.js';

/** Builds a DbtCatalog from catalog.json sections (`nodes` and `sources`, both keyed by unique_id). */
export class CatalogCollector {
  readonly catalog: DbtCatalog = { metadata: {}, entries: new Map() };
  readonly issues: IngestIssue[] = [];

  constructor(private readonly file: string) {}

  get handlers(): SectionHandlers {
    return {
      modes: { metadata: 'value', nodes: 'entries', sources: 'entries', errors: 'value' },
      onValue: (section, value) => {
        if (section === 'metadata') {
          const parsed = validateEntry(artifactMetadataSchema, value, new Set());
          if (parsed.ok) this.catalog.metadata = parsed.value;
        } else if (section === 'errors' && Array.isArray(value) && value.length > 0) {
          this.issue('warning', 'DBT_CATALOG_ERRORS', `catalog generation reported ${value.length} error(s): ${String(value[0])}`);
        }
      },
      onEntry: (_section, key, value) => this.readEntry(key, value),
    };
  }

  private readEntry(key: string, value: unknown): void {
    const parsed = validateEntry(catalogEntrySchema, value, new Set());
    if (!parsed.ok) {
      this.issue('warning', 'DBT_INVALID_CATALOG_ENTRY', `catalog entry ${key} skipped: ${parsed.reason}`, key);
      return;
    }
    if (parsed.droppedFields.length > 0) {
      this.issue('warning', 'DBT_INVALID_FIELD', `${key}: invalid catalog field(s) ignored: ${parsed.droppedFields.join(', ')}`, key);
    }
    const entry = normaliseCatalogEntry(text(parsed.value.unique_id) ?? key, parsed.value);
    this.catalog.entries.set(entry.uniqueId, entry);
  }

  private issue(severity: IngestIssue['severity'], code: string, message: string, subject?: string): void {
    this.issues.push({ severity, code, message, file: this.file, ...(subject ? { subject } : {}) });
  }
}

function normaliseCatalogEntry(uniqueId: string, input: CatalogEntryInput): DbtCatalogEntry {
  const columns: DbtCatalogColumn[] = Object.entries(input.columns ?? {}).map(([key, col]) =>
    compact({
      name: text(col.name) ?? key,
      type: text(col.type),
      index: col.index === null || col.index === undefined || !Number.isFinite(Number(col.index)) ? undefined : Number(col.index),
      comment: text(col.comment),
    }),
  );
  return compact({
    uniqueId,
    columns,
    tableType: text(input.metadata?.type),
    comment: text(input.metadata?.comment),
    owner: text(input.metadata?.owner),
    rowCount: statNumber(input.stats, 'row_count', 'num_rows'),
    sizeBytes: statNumber(input.stats, 'bytes', 'num_bytes'),
  });
}

/** Catalog stats differ per adapter (Snowflake `row_count`/`bytes`, BigQuery `num_rows`/`num_bytes`). */
function statNumber(stats: CatalogEntryInput['stats'], ...ids: string[]): number | undefined {
  for (const id of ids) {
    const value = stats?.[id]?.value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}
