import type { Logger } from 'pino';
import { INGESTERS } from '../../ingestion/registry.js';
import type { IngestRunOptions } from '../../ingestion/types.js';
import type { Executor } from '../../db/executor.js';
import { HelixError } from '../../errors.js';
import { helixEvents, type ConformanceProgressEvent } from '../../events/bus.js';
import { evaluateConformance, evaluationUrn } from '../conformance/evaluate.js';
import { loadRuleSet } from '../conformance/rule-set.js';

/** What a queued job carries: everything a process needs to run it (kept small; the record holds the rest). */
export type JobData =
  | { type: 'ingestion'; id: string; kind: string; source: string; options: Omit<IngestRunOptions, 'onProgress' | 'signal'> }
  | { type: 'conformance'; id: string; namespace: string | null; rules: string[] | null; rulesFile: string | null; ruleTimeoutMs: number };

export interface JobContext {
  exec: Executor;
  logger: Logger;
  workerId: string;
  /** Aborted with 'shutdown' when the process stops: the job stops at a batch boundary and goes back to the queue. */
  signal?: AbortSignal;
  /** The queue retries transient failures itself (BullMQ attempts with backoff): fail fast here. */
  requeueTransient?: boolean;
}

/**
 * Runs one job, the same way whoever holds the queue (the in-process runner of a server without Redis, or a
 * `helix worker` on BullMQ): ingestions through the ingestion lifecycle (src/ingestion/lifecycle.ts), evaluations
 * through evaluateConformance, with their progress published on the event bus (and through Redis to every API).
 */
export async function processJob(data: JobData, ctx: JobContext): Promise<{ status: string }> {
  if (data.type === 'conformance') return processEvaluation(data, ctx);
  const ingester = Object.hasOwn(INGESTERS, data.kind) ? INGESTERS[data.kind] : undefined;
  if (!ingester) throw new HelixError('BAD_USER_INPUT', `unknown ingestion kind '${data.kind}'`);
  const run = await ingester.run();
  const report = await run(ctx.exec, data.source, {
    ...data.options,
    ingestionId: data.id,
    workerId: ctx.workerId,
    signal: ctx.signal,
    ...(ctx.requeueTransient ? { attempts: 1, requeueTransient: true } : {}),
  });
  ctx.logger.info({ ingestion: data.id, kind: data.kind, status: report.status, ms: report.timingsMs.total, worker: ctx.workerId }, 'ingestion job finished');
  return { status: report.status };
}

function publishEvaluation(e: Omit<ConformanceProgressEvent, 'at'>): void {
  if (!helixEvents.hasAudience('conformanceProgress')) return;
  helixEvents.publish('conformanceProgress', { ...e, at: new Date().toISOString() });
}

async function processEvaluation(data: Extract<JobData, { type: 'conformance' }>, ctx: JobContext): Promise<{ status: string }> {
  const { id, namespace } = data;
  const urn = evaluationUrn(id);
  const all = loadRuleSet(data.rulesFile ?? undefined);
  const rules = data.rules && data.rules.length > 0 ? all.map((r) => ({ ...r, enabled: r.enabled && data.rules!.includes(r.id) })) : all;
  const total = rules.filter((r) => r.enabled).length;
  try {
    const report = await evaluateConformance(ctx.exec, {
      id,
      namespace,
      rules,
      rulesFile: data.rulesFile,
      ruleTimeoutMs: data.ruleTimeoutMs,
      onProgress: (p) => publishEvaluation({ id, urn, namespace, status: 'running', rule: p.rule, done: p.done, total: p.total, score: null, error: null }),
    });
    publishEvaluation({ id, urn, namespace, status: 'completed', rule: null, done: total, total, score: report.score, error: null });
    ctx.logger.info({ evaluation: id, namespace, score: report.score, ms: report.durationMs }, 'conformance evaluation finished');
    return { status: 'completed' };
  } catch (error) {
    ctx.logger.warn({ evaluation: id, err: error }, 'conformance evaluation failed');
    publishEvaluation({ id, urn, namespace, status: 'failed', rule: null, done: 0, total, score: null, error: (error as Error).message });
    throw error;
  }
}
