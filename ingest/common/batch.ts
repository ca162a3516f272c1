import type { GraphEdge, GraphNode, IngestIssue, IssueSeverity, StreamedBatch } from '../core/graph.js';
import type { GeneIdIndex } from './bio/gene-index.js';
import { GraphStore } from './graph-builder.js';

/** Options every bio reader accepts. */
export interface BioReadOptions {
  /** Input records per emitted batch (default 500). */
  batchSize?: number;
  /** Resume: records before this position are read but not mapped (a batch's `position` is a valid value). */
  skip?: number;
  /** Resolves Ensembl/Entrez/symbol-only genes to HGNC urns (fill it from HGNC ingestion: `GeneIdIndex.observe`). */
  geneIndex?: GeneIdIndex;
  /** Annotation source version; overrides what the file name or content says. */
  version?: string;
  /** When the annotation source was retrieved (ISO timestamp); overrides what the file says. */
  retrievedAt?: string;
  /** Taxon for genes known only by symbol (default 9606, human). */
  taxonId?: string;
  /** EMBOSS: which of the two aligned sequences is the reference (default 2: `-bsequence`). */
  referenceSide?: 1 | 2;
  /** BLAST: also derive substitutions from qseq/sseq (default false: BLAST hits are usually homologs). */
  deriveMutations?: boolean;
}

export type IssueExtra = Partial<Pick<IngestIssue, 'line' | 'subject'>>;

/**
 * Accumulates the graph of the records read since the last batch. Nodes are de-duplicated by urn within a batch
 * (an owned node wins over a reference to the same urn); every batch carries the nodes its edges point at, so a
 * batch can be written on its own.
 */
export class BatchBuilder {
  /** Merge policy `report-conflicts`: two records of one file mapping to the same owned node are merged, and said so. */
  private readonly store = new GraphStore((urn) =>
    this.issue('info', 'DUPLICATE_RECORD', `${urn} produced by more than one record; lists merged, later values win`, { subject: urn }),
  );
  private issues: IngestIssue[] = [];
  private stats: Record<string, number> = {};
  private inBatch = 0;
  /** Records consumed so far (including skipped ones). */
  position = 0;
  readonly batchSize: number;
  readonly skip: number;

  constructor(
    readonly file: string,
    opts: BioReadOptions = {},
  ) {
    this.batchSize = Math.max(1, opts.batchSize ?? 500);
    this.skip = Math.max(0, opts.skip ?? 0);
  }

  /** Count one input record as consumed; returns false when it lies before `skip` and must not be mapped. */
  consume(records = 1): boolean {
    const mapped = this.position >= this.skip;
    this.position += records;
    if (mapped) this.inBatch += records;
    return mapped;
  }

  /** Whether the next record would still be skipped. */
  get skipping(): boolean {
    return this.position < this.skip;
  }

  node(node: GraphNode): void {
    this.store.putNode(node, 'report-conflicts');
  }

  edge(edge: GraphEdge): void {
    this.store.putEdge(edge, 'report-conflicts');
  }

  issue(severity: IssueSeverity, code: string, message: string, extra: IssueExtra = {}): void {
    const issue: IngestIssue = { severity, code, message, file: this.file };
    if (extra.line !== undefined) issue.line = extra.line;
    if (extra.subject !== undefined) issue.subject = extra.subject;
    this.issues.push(issue);
    this.count(`issues.${severity}`);
  }

  count(stat: string, n = 1): void {
    this.stats[stat] = (this.stats[stat] ?? 0) + n;
  }

  get full(): boolean {
    return this.inBatch >= this.batchSize;
  }

  /**
   * The batch so far (stats are per-batch deltas), then start a new one. Grouping readers pass the position of the
   * end of the last complete group when the record that closed it is not part of this batch.
   */
  take(position = this.position): StreamedBatch {
    const batch: StreamedBatch = {
      nodes: [...this.store.nodes.values()],
      edges: [...this.store.edges.values()],
      issues: this.issues,
      stats: this.stats,
      position,
    };
    this.store.clear();
    this.issues = [];
    this.stats = {};
    this.inBatch = 0;
    return batch;
  }

  /** The final batch; always produced, so a caller learns the end position even of an empty file. */
  finish(): StreamedBatch {
    return this.take();
  }

  /** Add a record's fragment; its issues get this file and, when missing, the record's line. */
  add(fragment: Fragment, line?: number): void {
    fragment.nodes.forEach((n) => this.node(n));
    fragment.edges.forEach((e) => this.edge(e));
    for (const i of fragment.issues) this.issue(i.severity, i.code, i.message, { line: i.line ?? line, subject: i.subject });
    for (const [k, v] of Object.entries(fragment.stats)) this.count(k, v);
  }

  /** Map one record; an exception becomes an issue (nothing of the record is kept) instead of ending the stream. */
  guard(line: number | undefined, subject: string | undefined, map: (f: Fragment) => void): void {
    const fragment = new Fragment();
    try {
      map(fragment);
    } catch (err) {
      this.issue('error', 'RECORD_MAPPING_FAILED', `record could not be mapped: ${(err as Error).message}`, {
        ...(line !== undefined ? { line } : {}),
        ...(subject !== undefined ? { subject } : {}),
      });
      return;
    }
    this.add(fragment, line);
  }
}

type FragmentIssue = Omit<IngestIssue, 'file'>;

/** What one record maps to; added to the batch only when the whole record mapped without an exception. */
export class Fragment {
  nodes: GraphNode[] = [];
  edges: GraphEdge[] = [];
  issues: FragmentIssue[] = [];
  stats: Record<string, number> = {};

  node(node: GraphNode): void {
    this.nodes.push(node);
  }

  edge(type: string, from: string, to: string, props?: GraphEdge['props']): void {
    this.edges.push(props ? { type, from, to, props } : { type, from, to });
  }

  issue(severity: IssueSeverity, code: string, message: string, extra: IssueExtra = {}): void {
    this.issues.push({ severity, code, message, ...extra });
  }

  count(stat: string, n = 1): void {
    this.stats[stat] = (this.stats[stat] ?? 0) + n;
  }
}

/** One warning for the bare NaN/Infinity a JSON file needed read as null. */
export function reportNonStandard(b: BatchBuilder, counter: { replaced: number }): void {
  if (counter.replaced) b.issue('warning', 'JSON_NON_STANDARD_NUMBER', `${counter.replaced} bare NaN/Infinity read as null`);
}
