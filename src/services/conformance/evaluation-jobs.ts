import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { badInput, HelixError } from '../../errors.js';
import { helixEvents, type ConformanceProgressEvent } from '../../events/bus.js';
import type { JobQueue } from '../ingestion/job-queue.js';
import { evaluationUrn, queueEvaluation } from './evaluate.js';
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
 * Evaluations started through the API (`evaluateConformance`): checked, recorded as a queued ConformanceEvaluation
 * at once and put on the same job queue as ingestions (BullMQ's `conformance` queue with REDIS_URL, else this
 * process's runner, one at a time); the job runs in services/ingestion/job-processor.ts and its progress after
 * every rule reaches `conformanceProgress(id)` subscribers.
 */
export class ConformanceJobs {
  private closed = false;

  constructor(
    private readonly exec: Executor,
    private readonly rulesFile: string | undefined,
    private readonly queue: JobQueue,
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
    await this.queue.add({
      type: 'conformance',
      id,
      namespace,
      rules: req.rules && req.rules.length > 0 ? req.rules : null,
      rulesFile: this.rulesFile ?? null,
      ruleTimeoutMs: this.ruleTimeoutMs,
    });
    return { id, urn };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
