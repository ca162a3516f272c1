import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { badInput } from '../../errors.js';
import { CATEGORIES, SCOPES, SEVERITIES } from './rule-types.js';

const RULE_ID = /^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$/;

const ruleEntry = z
  .object({
    id: z.string().regex(RULE_ID, 'a rule id is dotted lower-case words, e.g. acme.no-select-star'),
    enabled: z.boolean().optional(),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    category: z.enum(CATEGORIES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    scope: z.enum(SCOPES).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    remediation: z.string().optional(),
    reach: z.enum(['self', 'lineage']).optional(),
    cypher: z.string().min(1).optional(),
    cypherFile: z.string().min(1).optional(),
  })
  .strict();

export const ruleFileSchema = z
  .object({
    version: z.literal(1).optional(),
    rules: z.array(ruleEntry).default([]),
  })
  .strict();

export type RuleEntry = z.infer<typeof ruleEntry>;

/** A parsed rule-set file; `locate` turns a path inside it into `file:line`. */
export interface RuleFile {
  file: string;
  rules: RuleEntry[];
  locate(at: ReadonlyArray<string | number>): string;
}

/**
 * Reads and validates a rule-set YAML file. Every problem is a BAD_USER_INPUT naming the file, the line and the
 * field (`helix.rules.yml:7: rules[1].severity: ...`), taken from the YAML document's own positions.
 */
export function readRuleFile(file: string): RuleFile {
  if (!existsSync(file)) throw badInput(`rule set ${file} does not exist`);
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const first = doc.errors[0];
  if (first) throw badInput(`${file}:${lineOf(first.pos[0])}: invalid YAML: ${first.message.split('\n')[0]}`);
  const locate = (at: ReadonlyArray<string | number>) => `${file}:${lineOf(offsetOf(doc, at))}`;
  const parsed = ruleFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = at.length > 0 ? fieldName(at) : '(top level)';
    const extra = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw badInput(`${locate(at)}: ${field}: ${issue.message}${extra}`, { file, field });
  }
  return { file, rules: parsed.data.rules, locate };
}

/** `rules[1].params.prefixes` */
export function fieldName(at: ReadonlyArray<string | number>): string {
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The offset of the deepest node of the path that exists (a missing field points at its parent). */
function offsetOf(doc: Document, at: ReadonlyArray<string | number>): number {
  for (let n = at.length; n >= 0; n -= 1) {
    const node = n === 0 ? doc.contents : doc.getIn(at.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) return node.range[0] as number;
    // A key with a null value: find the pair in the parent map.
    if (n > 0) {
      const parent = n === 1 ? doc.contents : doc.getIn(at.slice(0, n - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === at[n - 1]);
        const key = pair?.key as { range?: number[] } | undefined;
        if (key?.range) return key.range[0] as number;
      }
      if (isSeq(parent)) continue;
    }
  }
  return 0;
}

/** The rule set to use: an explicit file, else HELIX_RULES_FILE, else helix.rules.yml in `root` when present. */
export function resolveRuleFile(explicit: string | undefined | null, root: string, env: string | undefined): string | undefined {
  if (explicit) return path.resolve(root, explicit);
  if (env) return path.resolve(root, env);
  const local = path.join(root, 'helix.rules.yml');
  return existsSync(local) ? local : undefined;
}
