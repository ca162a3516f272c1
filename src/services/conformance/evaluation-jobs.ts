import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { Executor } from '../../db/executor.js';
import { badInput, HelixError } from '../../errors.js';
import { helixEvents, type ConformanceProgressEvent } from '../../events/bus.js';
import { evaluateConformance, evaluationUrn, queueEvaluation } from './evaluate.js';
import { loadRuleSet } from './rule-set.js';

export interface EvaluationRequest {
  namespace?: string | null;
  /** Ids of the rules to evaluate (default: every enabled rule of the server's rule set). */
  rules?: string[] | null;
}

function publish(e: Omit<ConformanceProgressEvent, 'at'>): void {
  if (!helixEvents.hasAudience('conformanceProgress')) return;
  helixEvents.publish('conformanceProgress', { ...e, at: new Date().toISOString() });
}

/**
 * Evaluations started through the API (`evaluateConformance`): recorded as a queued ConformanceEvaluation at once and
 * run in the background one at a time (two evaluations of one namespace must not interleave their writes); progress
 * after every rule reaches `conformanceProgress(id)` subscribers.
 */
export class ConformanceJobs {
  private readonly limit = pLimit(1);
  private readonly active = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly exec: Executor,
    private readonly rulesFile: string | undefined,
    private readonly logger: Logger,
    private readonly ruleTimeoutMs = 120_000,
  ) {}

  async start(req: EvaluationRequest): Promise<{ id: string; urn: string }> {
    if (this.closed) throw new HelixError('CONFLICT', 'the server is shutting down: start the evaluation again once it is back');
    const namespace = req.namespace?.trim() || null;
    const all = loadRuleSet(this.rulesFile);
    let rules = all;
    if (req.rules && req.rules.length > 0) {
      const unknown = req.rules.filter((id) => !all.some((r) => r.id === id));
      if (unknown.length > 0) throw badInput(`unknown rules: ${unknown.join(', ')}`, { argument: 'input.rules' });
      rules = all.map((r) => ({ ...r, enabled: r.enabled && req.rules!.includes(r.id) }));
    }
    const id = randomUUID();
    const urn = evaluationUrn(id);
    await queueEvaluation(this.exec, { id, namespace, mode: 'full', rulesFile: this.rulesFile ?? null });
    const total = rules.filter((r) => r.enabled).length;
    publish({ id, urn, namespace, status: 'queued', rule: null, done: 0, total, score: null, error: null });
    const job = this.limit(async () => {
      try {
        const report = await evaluateConformance(this.exec, {
          id,
          namespace,
          rules,
          rulesFile: this.rulesFile ?? null,
          ruleTimeoutMs: this.ruleTimeoutMs,
          onProgress: (p) => publish({ id, urn, namespace, status: 'running', rule: p.rule, done: p.done, total: p.total, score: null, error: null }),
        });
        publish({ id, urn, namespace, status: 'completed', rule: null, done: total, total, score: report.score, error: null });
        this.logger.info({ evaluation: id, namespace, score: report.score, ms: report.durationMs }, 'conformance evaluation finished');
      } catch (error) {
        this.logger.warn({ evaluation: id, err: error }, 'conformance evaluation failed');
        publish({ id, urn, namespace, status: 'failed', rule: null, done: 0, total, score: null, error: (error as Error).message });
      }
    });
    this.active.add(job);
    void job.finally(() => this.active.delete(job));
    return { id, urn };
  }

  async close(waitMs = 5_000): Promise<void> {
    this.closed = true;
    this.limit.clearQueue();
    await Promise.race([Promise.allSettled([...this.active]), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }
}
