import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { builtinRules } from '../../../../../src/services/conformance/builtin-rules.js';
import { evaluateConformance } from '../../../../../src/services/conformance/evaluate.js';
import { corpusPath } from '../../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { exactRulesFromManifest } from './exact-rules-oracle.js';

// Every dbt project of the corpus, each under its folder name as namespace (never its project name: the rules must
// find the project's own package through what the ingestion recorded).
const root = corpusPath('dbt');
const projects = readdirSync(root).filter((d) => existsSync(path.join(root, d, 'manifest.json'))).sort();
const exact = builtinRules().filter((r) => r.id === 'doc.model-description' || r.id === 'test.primary-key');
let helix: HelixContext;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
});
afterAll(async () => helix?.close());

const failing = async (rule: string, namespace: string) =>
  (
    await helix.exec.runText(
      `MATCH (v:Violation {ruleId: $rule, namespace: $ns})-[:CONCERNS]->(m) WHERE v.status = 'OPEN' RETURN m.uniqueId AS id ORDER BY id`,
      { rule, ns: namespace },
      'READ',
    )
  ).map((r) => String(r.id));

describe.each(projects)('exact rules on %s', (project) => {
  it('doc.model-description and test.primary-key agree with the manifest read directly', async () => {
    const dir = path.join(root, project);
    const report = await runDbtIngest(helix.exec, dir, { namespace: project });
    expect(report.status).toBe('completed');
    const evaluation = await evaluateConformance(helix.exec, { namespace: project, rules: exact });
    const expected = exactRulesFromManifest(path.join(dir, 'manifest.json'));
    expect(await failing('doc.model-description', project)).toEqual(expected.missingDescription);
    expect(await failing('test.primary-key', project)).toEqual(expected.missingPrimaryKey);
    const byRule = Object.fromEntries(evaluation.rules.map((r) => [r.rule, r.failing]));
    expect(byRule).toEqual({ 'doc.model-description': expected.missingDescription.length, 'test.primary-key': expected.missingPrimaryKey.length });
  });
});
