import type { Executor, Row } from '../../db/executor.js';
import { HelixError, badInput } from '../../errors.js';
import type { Finding, Rule } from './rule-types.js';

export interface RuleQueryParams {
  namespace: string | null;
  subjects: string[] | null;
  params: Record<string, unknown>;
}

/** Runs one rule's query in a READ transaction with a timeout and checks the rows it returns. */
export async function runRuleQuery(exec: Executor, rule: Rule, p: RuleQueryParams, timeoutMs: number): Promise<Finding[]> {
  const ctx = { op: `conformance ${rule.id}`, timeoutMs };
  let rows: Row[];
  try {
    rows =
      rule.query.kind === 'named'
        ? await exec.read(rule.query.name, { ...p }, ctx)
        : await exec.runText(rule.query.text, { ...p }, 'READ', ctx);
  } catch (error) {
    if (rule.query.kind === 'text' && error instanceof HelixError) {
      throw badInput(`rule '${rule.id}' (${rule.query.file}) failed: ${error.message}`, { rule: rule.id });
    }
    throw error;
  }
  return rows.map((row, i) => toFinding(rule, row, i));
}

function toFinding(rule: Rule, row: Row, i: number): Finding {
  const { subject, message, evidence } = row;
  if (typeof subject !== 'string' || subject === '') {
    throw badInput(`rule '${rule.id}': row ${i + 1} has no 'subject' urn (a rule returns subject, message, evidence)`, { rule: rule.id });
  }
  return {
    subject,
    message: typeof message === 'string' ? message : `${rule.id} fails`,
    evidence: Array.isArray(evidence) ? evidence.filter((e) => e !== null && e !== undefined).map(String) : [],
  };
}

/**
 * A rule of a rule-set file is checked before anything is written: it must compile (EXPLAIN) and be read-only
 * (it runs in a READ transaction, where Neo4j refuses writes; EXPLAIN catches write clauses up front).
 */
export async function checkUserRule(exec: Executor, rule: Rule): Promise<void> {
  if (rule.query.kind !== 'text') return;
  const where = `rule '${rule.id}' (${rule.query.file})`;
  if (/^\s*(EXPLAIN|PROFILE)\b/i.test(rule.query.text)) throw badInput(`${where}: give the query without EXPLAIN/PROFILE`);
  let type: string;
  try {
    type = await exec.explainType(rule.query.text, { namespace: null, subjects: null, params: rule.params }, { op: `check ${rule.id}`, timeoutMs: 10_000 });
  } catch (error) {
    throw badInput(`${where}: ${(error as Error).message}`, { rule: rule.id });
  }
  if (type !== 'r') throw badInput(`${where}: rules are read-only, but Neo4j plans this query as ${QUERY_TYPES[type] ?? type}`, { rule: rule.id });
}

const QUERY_TYPES: Record<string, string> = { rw: 'read-write', w: 'write-only', s: 'a schema change' };
