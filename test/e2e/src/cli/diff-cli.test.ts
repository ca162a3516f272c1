import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { lineageDiff } from '../../../../src/services/history/diff.js';
import { serviceContext } from '../../../../src/services/lineage/service-context.js';
import { editedCopy } from '../../../corpus/src/services/history/edit-manifest.js';
import { fixturePath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { runHelix, testGraphEnv } from '../../../support/helix-cli.js';

let helix: HelixContext;
let ids: string[] = [];

const helixCli = (...args: string[]) => runHelix(['diff', ...args], testGraphEnv({ LOG_LEVEL: 'error' }));

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const first = fixturePath('dbt/v12-shop');
  const second = editedCopy(first, (m) => {
    delete m.nodes['analysis.shop.revenue_analysis'];
    m.nodes['model.shop.stg_payments'].description = 'changed';
  });
  ids = [(await runDbtIngest(helix.exec, first, {})).id, (await runDbtIngest(helix.exec, second, {})).id];
});
afterAll(async () => helix?.close());

describe('helix diff', () => {
  it('--json prints the lineageDiff of the two latest ingestions', async () => {
    const r = helixCli('--namespace', 'shop', '--json');
    expect(r.status, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(await lineageDiff(serviceContext(helix, { op: 'test' }), { namespace: 'shop', from: 'previous', to: 'latest' }));
    expect(printed.from.ingestion).toBe(ids[0]);
    expect(printed.removedNodes).toContainEqual({ urn: 'urn:dbt:shop:analysis.shop.revenue_analysis', type: 'Analysis' });
    expect(printed.changedNodes).toContainEqual({ urn: 'urn:dbt:shop:model.shop.stg_payments', type: 'Model', changedFields: ['description'] });
  });

  it('prints one line per change, without colour when stdout is not a terminal', () => {
    const r = helixCli('--namespace', 'shop', '--from', ids[0]!, '--to', ids[1]!);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\u001b[');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`lineage of shop: ingestion ${ids[0]} (${lines[0]!.split('(')[1]!.split(')')[0]}) -> ingestion ${ids[1]} (${lines[0]!.split('(')[2]!.split(')')[0]})`);
    expect(lines).toContain('- Analysis urn:dbt:shop:analysis.shop.revenue_analysis');
    expect(lines).toContain('~ Model urn:dbt:shop:model.shop.stg_payments: description');
    const same = helixCli('--namespace', 'shop', '--from', ids[1]!, '--to', 'latest');
    expect(same.stdout.trim().split('\n')[1]).toBe('no changes');
  });

  it('refuses an unknown namespace reference with the reason', () => {
    const r = helixCli('--namespace', 'shop', '--from', 'yesterday-ish');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('from must be an ISO 8601 date-time');
    const bad = helixCli('--namespace', 'no such');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('namespace is made of letters');
  });
});
