import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { badInput } from '../../errors.js';
import { builtinRules } from './builtin-rules.js';
import { fieldName, readRuleFile, type RuleEntry, type RuleFile } from './rule-file.js';
import type { Rule } from './rule-types.js';

/**
 * The effective rules: the built-ins, each possibly disabled or re-parameterised by the rule-set file, plus the
 * file's own Cypher rules. Without a file, the built-ins as shipped.
 */
export function loadRuleSet(file?: string): Rule[] {
  const rules = builtinRules();
  if (!file) return rules;
  const set = readRuleFile(file);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const seen = new Set<string>();
  set.rules.forEach((entry, i) => {
    const at = (...rest: Array<string | number>) => ['rules', i, ...rest];
    if (seen.has(entry.id)) throw badInput(`${set.locate(at('id'))}: ${fieldName(at('id'))}: rule '${entry.id}' appears twice`);
    seen.add(entry.id);
    const builtin = byId.get(entry.id);
    if (builtin) overrideBuiltin(set, builtin, entry, at);
    else rules.push(userRule(set, entry, at));
  });
  return rules;
}

function overrideBuiltin(set: RuleFile, rule: Rule, entry: RuleEntry, at: (...rest: Array<string | number>) => Array<string | number>): void {
  for (const key of ['category', 'scope', 'cypher', 'cypherFile', 'reach'] as const) {
    if (entry[key] !== undefined) {
      throw badInput(`${set.locate(at(key))}: ${fieldName(at(key))}: '${key}' cannot be changed for the built-in rule '${rule.id}'`);
    }
  }
  for (const [key, value] of Object.entries(entry.params ?? {})) {
    if (!(key in rule.params)) {
      const known = Object.keys(rule.params);
      throw badInput(
        `${set.locate(at('params', key))}: ${fieldName(at('params', key))}: '${rule.id}' has no parameter '${key}'${known.length ? ` (known: ${known.join(', ')})` : ''}`,
      );
    }
    const expected = kindOf(rule.params[key]);
    if (expected !== 'null' && value !== null && kindOf(value) !== expected) {
      throw badInput(`${set.locate(at('params', key))}: ${fieldName(at('params', key))}: expected ${expected}, got ${kindOf(value)}`);
    }
    rule.params[key] = value;
  }
  if (entry.enabled !== undefined) rule.enabled = entry.enabled;
  if (entry.severity) rule.severity = entry.severity;
  if (entry.name) rule.name = entry.name;
  if (entry.description !== undefined) rule.description = entry.description;
  if (entry.remediation !== undefined) rule.remediation = entry.remediation;
  rule.origin = set.file;
}

function userRule(set: RuleFile, entry: RuleEntry, at: (...rest: Array<string | number>) => Array<string | number>): Rule {
  for (const key of ['name', 'category', 'severity', 'scope'] as const) {
    if (entry[key] === undefined) throw badInput(`${set.locate(at())}: ${fieldName(at(key))}: required for the rule '${entry.id}' (not a built-in)`);
  }
  if ((entry.cypher === undefined) === (entry.cypherFile === undefined)) {
    throw badInput(`${set.locate(at())}: ${fieldName(at('cypher'))}: a rule of its own needs exactly one of cypher or cypherFile`);
  }
  let text = entry.cypher;
  let file = `${set.locate(at('cypher'))}`;
  if (entry.cypherFile !== undefined) {
    const full = path.resolve(path.dirname(set.file), entry.cypherFile);
    if (!existsSync(full)) throw badInput(`${set.locate(at('cypherFile'))}: ${fieldName(at('cypherFile'))}: ${full} does not exist`);
    text = readFileSync(full, 'utf8');
    file = full;
  }
  return {
    id: entry.id,
    name: entry.name!,
    description: entry.description ?? '',
    category: entry.category!,
    severity: entry.severity!,
    scope: entry.scope!,
    enabled: entry.enabled ?? true,
    params: entry.params ?? {},
    remediation: entry.remediation ?? '',
    origin: set.file,
    reach: entry.reach ?? 'self',
    query: { kind: 'text', text: text!.trim(), file },
  };
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : typeof v;
}
