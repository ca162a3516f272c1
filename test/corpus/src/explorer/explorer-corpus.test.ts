import { copyFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../../../src/explorer/build.js';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { explorerRoutes } from '../../../../src/http/routes/explorer.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { corpusPath } from '../../../support/corpus.js';
import { isolatedPage, launchChromium } from '../../../support/explorer-browser.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { strictClient } from '../../../support/graphql-client.js';

/**
 * The explorer on a real dbt project of the corpus. The screenshot it saves is docs/explorer.png: refresh it with
 * HELIX_EXPLORER_SCREENSHOT=docs/explorer.png npm run test:corpus -- test/corpus/src/explorer
 */
const PROJECT = 'andrewstaus-dbt-analytics-v12-dbt1.9.8';
const OUT = path.resolve('test-output', 'explorer');

let helix: HelixContext;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  helix = await openTestHelix();
  await resetGraph(helix);
  expect((await runDbtIngest(helix.exec, corpusPath('dbt', PROJECT), {})).status).toBe('completed');
  server = createHttpServer(helix, explorerRoutes((await buildExplorer(path.join(OUT, 'corpus-build'))).outDir));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await helix?.close();
});

describe(`the explorer on ${PROJECT}`, () => {
  it('opens the model with the widest lineage: the list is its lineage, the panel its details', async () => {
    const gql = strictClient(helix);
    const { capsules } = await gql(`{ capsules(filter: { type: Model }, first: 200) { nodes { urn name } } }`);
    let best = { urn: '', name: '', size: 0, urns: [] as string[] };
    for (const c of capsules.nodes) {
      const { lineage } = await gql(`query($u: ID!) { lineage(urn: $u, direction: BOTH, depth: 3, limit: 5000) { nodes { urn } } }`, { u: c.urn });
      if (lineage.nodes.length > best.size) best = { ...c, size: lineage.nodes.length, urns: lineage.nodes.map((n: any) => n.urn) };
    }
    expect(best.size).toBeGreaterThan(5);
    const { page, foreign } = await isolatedPage(browser, base, { width: 1600, height: 900 });
    await page.goto(`${base}/explorer?urn=${encodeURIComponent(best.urn)}&direction=BOTH&depth=3&level=TABLE`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.$$eval('[data-testid="node-list"] li[data-urn]', (lis) => lis.map((li) => li.getAttribute('data-urn')))).toEqual(best.urns);
    await page.waitForSelector('[data-testid="panel-title"]');
    expect(await page.textContent('[data-testid="panel-title"]')).toBe(best.name);
    await page.waitForSelector('body[data-badges]');
    const file = path.join(OUT, 'corpus.png');
    await page.screenshot({ path: file });
    if (process.env.HELIX_EXPLORER_SCREENSHOT) copyFileSync(file, path.resolve(process.env.HELIX_EXPLORER_SCREENSHOT));
    expect(foreign).toEqual([]);
  });
});
