import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mapStrategyYaml } from '../../../../ingest/strategies/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, listFiles, unstorable } from '../provenance-helpers.js';

const root = corpusPath('seeds/biomapper');
const strategies = listFiles(root, '.yaml').map((file) => {
  const text = readFileSync(file, 'utf8');
  return { name: path.basename(file), text, doc: parse(text) as Record<string, any> };
});

/** The version as written in the file (a YAML float such as 1.0 keeps its text). */
function versionText(text: string): string | undefined {
  const m = /^version:\s*["']?([^"'\n#]+?)["']?\s*(?:#.*)?$/m.exec(text);
  return m?.[1];
}

describe('workflow strategy corpus', () => {
  it('finds strategies', () => {
    expect(strategies.length).toBeGreaterThan(0);
  });

  it.each(strategies)('$name: the strategy is a Job with one Step per step', ({ name, text, doc }) => {
    const g = mapStrategyYaml(text, { file: name });
    expect(g.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
    const job = `urn:strategy:${doc.name}:${versionText(text) ?? 'unversioned'}`;
    expect(g.nodes.find((n) => n.urn === job)?.props).toMatchObject({ name: doc.name, kind: 'strategy', stepCount: doc.steps.length });
    const steps = edgesOf(g, 'HAS_STEP', job).map((e) => g.nodes.find((n) => n.urn === e.to)!);
    expect(steps).toHaveLength(doc.steps.length);
    const names = doc.steps.map((s: any) => s.name);
    const duplicates = names.filter((n: string, i: number) => names.indexOf(n) !== i).length;
    expect(g.issues.filter((i) => i.code === 'STRATEGY_STEP_DUPLICATE')).toHaveLength(duplicates);
    doc.steps.forEach((step: any, i: number) => {
      const mapped = steps.find((s) => s.props.position === i)!;
      const actionType = typeof step.action === 'string' ? step.action : step.action?.type;
      expect(mapped.props.actionType).toBe(actionType);
      const params = typeof step.action === 'object' ? step.action.params : step.params;
      const refs = [...new Set([...JSON.stringify(params ?? {}).matchAll(/\$\{parameters\.([^}]+)\}/g)].map((m) => m[1]))].sort();
      expect(mapped.props.parameterRefs ?? []).toEqual(refs);
      expect(JSON.parse((mapped.props.paramsJson as string | undefined) ?? '{}')).toEqual(params ?? {});
    });
    if (doc.parameters) expect(JSON.parse(g.nodes.find((n) => n.urn === job)!.props.parametersJson as string)).toEqual(doc.parameters);
  });
});
