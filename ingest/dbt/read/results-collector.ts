import type { IngestIssue } from '../../core/graph.js';
import type { DbtFreshness, DbtFreshnessResult, DbtResult, DbtRunResults } from '../artifacts.js';
import type { SectionHandlers } from '../../common/json-sections.js';
import { artifactMetadataSchema } from '../schema/metadata.js';
import {
  freshnessResultSchema,
  runArgsSchema,
  runResultSchema,
  type FreshnessResultInput,
  type RunResultInput,
} from '../schema/run-results.js';
import { validateEntry } from '../schema/validate.js';
import { compact, text } from './normalize-fields.js';

const RESULT_IDENTITY = new Set(['unique_id']);

/**
 * Builds DbtRunResults (run_results.json) or DbtFreshness (sources.json): metadata, args, elapsed_time and the
 * `results` array read one result at a time (compiled code inside results is never kept).
 */
export class ResultsCollector {
  readonly runResults: DbtRunResults = { metadata: {}, results: [] };
  readonly freshness: DbtFreshness = { metadata: {}, results: [] };
  readonly issues: IngestIssue[] = [];

  constructor(
    private readonly file: string,
    private readonly kind: 'run-results' | 'sources',
  ) {}

  get handlers(): SectionHandlers {
    return {
      modes: { metadata: 'value', args: 'value', elapsed_time: 'value', results: 'entries' },
      onValue: (section, value) => this.onValue(section, value),
      onEntry: (_section, key, value) => this.readResult(key, value),
    };
  }

  private onValue(section: string, value: unknown): void {
    if (section === 'metadata') {
      const parsed = validateEntry(artifactMetadataSchema, value, new Set());
      if (parsed.ok) this.runResults.metadata = this.freshness.metadata = parsed.value;
    } else if (section === 'elapsed_time' && typeof value === 'number') {
      this.runResults.elapsedTime = this.freshness.elapsedTime = value;
    } else if (section === 'args') {
      const parsed = validateEntry(runArgsSchema, value, new Set());
      if (parsed.ok && parsed.value) {
        const command = text(parsed.value.which);
        const invocationCommand = text(parsed.value.invocation_command);
        if (command) this.runResults.command = command;
        if (invocationCommand) this.runResults.invocationCommand = invocationCommand;
      }
    }
  }

  private readResult(key: string, value: unknown): void {
    const schema = this.kind === 'sources' ? freshnessResultSchema : runResultSchema;
    const parsed = validateEntry(schema, value, RESULT_IDENTITY);
    if (!parsed.ok) {
      this.issues.push({
        severity: 'error',
        code: 'DBT_INVALID_RESULT',
        message: `result #${key} skipped: ${parsed.reason}`,
        file: this.file,
      });
      return;
    }
    if (this.kind === 'sources') this.freshness.results.push(freshnessResult(parsed.value as FreshnessResultInput));
    else this.runResults.results.push(runResult(parsed.value as RunResultInput));
  }
}

type ResultFields = Pick<RunResultInput, 'unique_id' | 'status' | 'timing' | 'thread_id' | 'execution_time' | 'adapter_response'> & {
  message?: string | null | undefined;
  failures?: number | null | undefined;
};

function runResult(input: ResultFields): DbtResult {
  const timing = input.timing ?? [];
  const execute = timing.find((t) => t.name === 'execute') ?? timing[timing.length - 1];
  return compact({
    uniqueId: input.unique_id,
    status: text(input.status) ?? 'unknown',
    executionTime: input.execution_time ?? undefined,
    failures: input.failures ?? undefined,
    message: text(input.message),
    threadId: text(input.thread_id),
    startedAt: text(execute?.started_at) ?? text(timing[0]?.started_at),
    completedAt: text(execute?.completed_at),
    adapterResponse: input.adapter_response && Object.keys(input.adapter_response).length > 0 ? input.adapter_response : undefined,
  });
}

function freshnessResult(input: FreshnessResultInput): DbtFreshnessResult {
  const error = input.error === null || input.error === undefined ? undefined : String(input.error);
  return compact({
    ...runResult({ ...input, message: error, failures: undefined }),
    maxLoadedAt: text(input.max_loaded_at),
    snapshottedAt: text(input.snapshotted_at),
    maxLoadedAtTimeAgoInS: input.max_loaded_at_time_ago_in_s ?? undefined,
    criteria: input.criteria ?? undefined,
  });
}
