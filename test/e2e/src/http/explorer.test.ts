import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../../../src/explorer/build.js';
import { writeGraph } from '../../../../src/ingestion/writer.js';
import { bioRunner } from '../../../../src/ingestion/bio.js';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import { ingestOpenLineage } from '../../../../src/ingestion/openlineage.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { explorerRoutes } from '../../../../src/http/routes/explorer.js';
import { builtinRules } from '../../../../src/services/conformance/builtin-rules.js';
import { evaluateConformance } from '../../../../src/services/conformance/evaluate.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { fixturePath } from '../../../support/corpus.js';
import { isolatedPage, launchChromium } from '../../../support/explorer-browser.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { syntheticLineage } from '../../../support/synthetic-lineage.js';
import { CROSS_RUN_ID, crossWorldEvents } from '../../../integration/src/services/provenance/setup.js';

/** Screenshots and downloads of this file (git-ignored). */
export const OUT = path.resolve('test-output', 'explorer');
const TOKEN = 'explorer-e2e-token';
const shop = (id: string) => `urn:dbt:shop:${id}`;

let helix: HelixContext;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
let foreign: string[];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  helix = await openTestHelix({ HELIX_AUTH_TOKEN: TOKEN });
  await resetGraph(helix);
  expect((await runDbtIngest(helix.exec, fixturePath('dbt/v12-shop'), {})).status).toBe('completed');
  expect((await ingestOpenLineage(helix.exec, crossWorldEvents().map((event) => ({ event })))).rejected).toEqual([]);
  expect((await bioRunner('hgnc', 'genes')(helix.exec, fixturePath('bio/genes/hgnc_complete_set.tsv'), {})).status).toBe('completed');
  const built = await buildExplorer(path.join(OUT, 'build'));
  server = createHttpServer(helix, explorerRoutes(built.outDir));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  ({ page, foreign } = await isolatedPage(browser, base));
});
afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await helix?.close();
});

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const lineageUrns = async (urn: string, direction: string, depth: number, level: string) =>
  (await gql(`query($u: ID!, $d: LineageDirection, $n: Int, $l: LineageLevel) { lineage(urn: $u, direction: $d, depth: $n, level: $l, limit: 5000) { nodes { urn } } }`,
    { u: urn, d: direction, n: depth, l: level })).lineage.nodes.map((n: { urn: string }) => n.urn) as string[];

const listed = (selector: string) => page.$$eval(`${selector} li[data-urn]`, (lis) => lis.map((li) => li.getAttribute('data-urn')!));
const ready = () => page.waitForSelector('body[data-ready="true"]');
const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`) });

async function goto(query: string): Promise<void> {
  await page.goto(`${base}/explorer${query}`);
}

describe('the explorer in a real browser (chromium, headless)', () => {
  it('asks for the key once, searches, and lists the results the search API returns', async () => {
    await goto('?q=orders');
    await page.waitForSelector('#key-dialog[open]');
    await page.fill('#key-input', TOKEN);
    await page.press('#key-input', 'Enter');
    await page.waitForSelector('body[data-search="done"]');
    const expected = (await gql(`{ search(text: "orders", first: 25) { edges { node { urn } } } }`)).search.edges.map((e: any) => e.node.urn);
    expect(expected.length).toBeGreaterThan(1);
    expect(await listed('[data-testid="search-results"]')).toEqual(expected);
    expect(await page.evaluate(() => sessionStorage.getItem('helix.explorer.key'))).toBe(TOKEN);
    await shot('01-search');
  });

  it('opens a search result as its lineage: the node list is the lineage API answer, and the URL holds the view', async () => {
    const urn = shop('model.shop.stg_orders');
    // Keyboard: from the search box into the results, then Enter on the chosen one.
    await page.focus('#search-input');
    await page.keyboard.press('ArrowDown');
    await page.focus(`[data-testid="search-results"] li[data-urn="${urn}"]`);
    await page.keyboard.press('Enter');
    await ready();
    await page.waitForFunction((u) => location.search.includes(encodeURIComponent(u)), urn);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ urn, direction: 'BOTH', depth: '3', level: 'TABLE' });
    expect(await listed('[data-testid="node-list"]')).toEqual(await lineageUrns(urn, 'BOTH', 3, 'TABLE'));
    expect(await page.$$eval('[data-testid="node-list"] li', (lis) => lis.length)).toBe(await page.evaluate(() => window.__explorer!.renders.at(-1)!.nodes));
    await shot('02-open-node');
  });

  it('expands upstream one hop from a node of a shared URL', async () => {
    const root = shop('model.shop.orders.v2');
    await goto(`?urn=${encodeURIComponent(root)}&direction=DOWNSTREAM&depth=1&level=TABLE`);
    await ready();
    const downstream = await lineageUrns(root, 'DOWNSTREAM', 1, 'TABLE');
    expect(await listed('[data-testid="node-list"]')).toEqual(downstream);
    await page.focus(`[data-testid="node-list"] li[data-urn="${root}"]`);
    await page.keyboard.press('Enter');
    await page.click('[data-testid="expand-upstream"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="node-list"] li').length > n, downstream.length);
    const upstream = await lineageUrns(root, 'UPSTREAM', 1, 'TABLE');
    expect(new Set(await listed('[data-testid="node-list"]'))).toEqual(new Set([...downstream, ...upstream]));
    await shot('03-expand-upstream');
  });

  it('switches to column level: the root becomes one of its columns and the list is its column lineage', async () => {
    const capsule = shop('model.shop.stg_orders');
    await goto(`?urn=${encodeURIComponent(capsule)}&direction=BOTH&depth=3&level=TABLE`);
    await ready();
    await page.check('input[name="level"][value="COLUMN"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('level') === 'COLUMN');
    await ready();
    const urn = new URL(page.url()).searchParams.get('urn')!;
    expect(urn.startsWith(`${capsule}#`)).toBe(true);
    const expected = await lineageUrns(urn, 'BOTH', 3, 'COLUMN');
    expect(expected.length).toBeGreaterThan(1);
    expect(await listed('[data-testid="node-list"]')).toEqual(expected);
    expect(await page.isVisible('#column-choice')).toBe(true);
    await shot('04-column-level');
  });

  it('opens the details of a node: description, owner, columns with types, tests with last results, runs, impact', async () => {
    const urn = shop('model.shop.stg_orders');
    await goto(`?urn=${encodeURIComponent(urn)}&direction=BOTH&depth=2&level=TABLE`);
    await ready();
    await page.waitForSelector('body[data-badges]');
    const truth = (await gql(`query($u: ID!) { capsule(urn: $u) { description owners { name } columns { name dataType }
      tests { testName results(first: 1) { status } } runResults { status } } impact(urn: $u) { total } }`, { u: urn }));
    await page.click(`[data-testid="node-list"] li[data-urn="${urn}"]`);
    await page.waitForSelector('[data-testid="panel-title"]');
    expect(await page.textContent('[data-testid="panel-title"]')).toBe('stg_orders');
    expect(await page.textContent('[data-testid="description"]')).toBe(truth.capsule.description);
    const panelText = (await page.textContent('[data-testid="panel"]'))!;
    for (const o of truth.capsule.owners) expect(panelText).toContain(o.name);
    const columns = await page.$$eval('[data-testid="columns"] tbody tr', (rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    expect(columns).toEqual(truth.capsule.columns.map((c: any) => [c.name, c.dataType ?? '']));
    const statuses = await page.$$eval('[data-testid="tests"] li', (lis) => lis.map((li) => li.getAttribute('data-status')));
    expect(statuses).toEqual(truth.capsule.tests.map((t: any) => t.results[0]?.status ?? 'no result'));
    expect(await page.$$eval('[data-testid="runs"] li', (lis) => lis.length)).toBe(truth.capsule.runResults.length);
    expect(await page.textContent('[data-testid="impact"] .impact-total')).toContain(`${truth.impact.total} affected`);
    // Failing tests (of the capsule or its columns, latest result fail/error) are badges in the list and on the canvas.
    const failing = (tests: any[]) => tests.filter((t) => ['fail', 'error'].includes(t.results[0]?.status)).length;
    const inView = await listed('[data-testid="node-list"]');
    const all = (await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { urn ... on Capsule { tests { results(first: 1) { status } } columns { tests { results(first: 1) { status } } } } } }`, { ids: inView })).nodes;
    const expected = Object.fromEntries(
      all.map((n: any) => [n.urn, failing(n.tests ?? []) + (n.columns ?? []).reduce((s: number, c: any) => s + failing(c.tests), 0)]).filter(([, c]: any) => c > 0),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    const badges = await page.$$eval('[data-testid="node-list"] li[data-urn]', (lis) =>
      lis.filter((li) => li.querySelector('.badge')).map((li) => [li.getAttribute('data-urn'), li.querySelector('.badge')!.textContent]));
    expect(Object.fromEntries(badges)).toEqual(Object.fromEntries(Object.entries(expected).map(([u, c]) => [u, `${c} failing test${c === 1 ? '' : 's'}`])));
    await shot('05-details');
  });

  it('badges open violations and PII once conformance has judged the graph, as the API counts them', async () => {
    await evaluateConformance(helix.exec, { namespace: 'shop', rules: builtinRules() });
    const urn = shop('model.shop.stg_orders');
    await goto(`?urn=${encodeURIComponent(urn)}&direction=BOTH&depth=2&level=TABLE`);
    await ready();
    await page.waitForSelector('body[data-badges]');
    const inView = await listed('[data-testid="node-list"]');
    const nodes = (await gql(`query($ids: [ID!]!) { nodes(ids: $ids) { urn ... on Capsule { violations { id } columns { pii { category } } } } }`, { ids: inView })).nodes;
    const expected: Array<[string, string]> = [];
    for (const n of nodes) {
      const v = (n.violations ?? []).length;
      if (v > 0) expected.push([n.urn, `${v} open violation${v === 1 ? '' : 's'}`]);
      const p = (n.columns ?? []).filter((c: any) => c.pii.length > 0).length;
      if (p > 0) expected.push([n.urn, `PII in ${p} column${p === 1 ? '' : 's'}`]);
    }
    expect(expected.some(([, text]) => text.includes('violation'))).toBe(true);
    const shown = await page.$$eval('[data-testid="node-list"] li[data-urn]', (lis) =>
      // One badge element per node, its kinds joined by ", ".
      lis.flatMap((li) => [...li.querySelectorAll('.badge')].flatMap((b) => b.textContent!.split(', ').map((t) => [li.getAttribute('data-urn')!, t] as [string, string]))));
    expect(shown.filter(([, text]) => !text.includes('failing test')).sort()).toEqual(expected.sort());
    await shot('05b-violation-and-pii-badges');
  });

  it('finds the path between two selected nodes with lineagePath', async () => {
    const from = shop('seed.shop.raw_orders');
    const to = shop('analysis.shop.revenue_analysis');
    await goto(`?urn=${encodeURIComponent(from)}&direction=DOWNSTREAM&depth=5&level=TABLE`);
    await ready();
    await page.click(`[data-testid="node-list"] li[data-urn="${from}"]`);
    await page.click('[data-testid="path-from"]');
    await page.click(`[data-testid="node-list"] li[data-urn="${to}"]`);
    await page.click('[data-testid="path-to"]');
    await page.waitForSelector('[data-testid="path-result"] ol li');
    const truth = (await gql(`query($f: ID!, $t: ID!) { lineagePath(from: $f, to: $t) { length nodes { urn } } }`, { f: from, t: to })).lineagePath[0];
    expect(await page.$$eval('[data-testid="path-result"] ol li', (lis) => lis.map((li) => li.getAttribute('data-urn')))).toEqual(truth.nodes.map((n: any) => n.urn));
    await shot('06-path');
  });

  it('exports the current view as GraphML, Mermaid and PNG, and links the full lineage export', async () => {
    const root = shop('model.shop.orders.v2');
    await goto(`?urn=${encodeURIComponent(root)}&direction=UPSTREAM&depth=2&level=TABLE`);
    await ready();
    const inView = await listed('[data-testid="node-list"]');
    await page.click('#export-menu summary');
    const save = async (kind: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
      const file = path.join(OUT, `export-${kind}-${download.suggestedFilename()}`);
      await download.saveAs(file);
      return readFileSync(file);
    };
    const graphml = (await save('graphml')).toString('utf8');
    const nodeIds = [...graphml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(nodeIds).toEqual(inView);
    const mermaid = (await save('mermaid')).toString('utf8');
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(mermaid.match(/^ {2}n\d+\["/gm)).toHaveLength(inView.length);
    const png = await save('png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await page.getAttribute('[data-testid="full-export"]', 'href')).toBe(
      `/api/v1/export?${new URLSearchParams({ format: 'graphml', lineage: root, direction: 'UPSTREAM', depth: '2' })}`,
    );
    await shot('07-export');
  });

  it('shows provenance (HOW_MADE) of a run: the list is the provenance API answer', async () => {
    const run = `urn:ol:run:${CROSS_RUN_ID}`;
    await goto(`?urn=${encodeURIComponent(run)}&depth=3&mode=HOW_MADE`);
    await ready();
    const truth = (await gql(`query($u: ID!) { provenance(urn: $u, direction: HOW_MADE, depth: 3, limit: 5000) { nodes { urn } } }`, { u: run })).provenance.nodes.map((n: any) => n.urn);
    expect(truth.length).toBeGreaterThan(1);
    expect(await listed('[data-testid="node-list"]')).toEqual(truth);
    await page.waitForSelector('[data-testid="run"]');
    expect(await page.textContent('[data-testid="run"]')).toContain('COMPLETED');
    await shot('08-provenance');
  });

  it('opens a gene from search in provenance mode, with its gene details in the panel', async () => {
    await goto('?q=COL4A3');
    await page.waitForSelector('[data-testid="search-results"] li[data-urn="HGNC:2204"]');
    await page.click('[data-testid="search-results"] li[data-urn="HGNC:2204"]');
    await ready();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ urn: 'HGNC:2204', depth: '3', mode: 'HOW_MADE' });
    const truth = await gql(`{ node(id: "HGNC:2204") { ... on Gene { symbol hgncId location locusType } }
      provenance(urn: "HGNC:2204", direction: HOW_MADE, depth: 3, limit: 5000) { nodes { urn } } }`);
    expect(await listed('[data-testid="node-list"]')).toEqual(truth.provenance.nodes.map((n: any) => n.urn));
    await page.waitForSelector('[data-testid="gene"]');
    const facts = await page.$$eval('[data-testid="gene"] dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling!.textContent])));
    expect(facts).toMatchObject({ Symbol: truth.node.symbol, HGNC: truth.node.hgncId, Location: truth.node.location, 'Locus type': truth.node.locusType });
    await shot('09-gene');
  });

  it('says clearly when a shared URL names a node that does not exist', async () => {
    await goto(`?urn=${encodeURIComponent(shop('model.shop.no_such_model'))}&direction=BOTH&depth=2&level=TABLE`);
    await page.waitForSelector('body[data-ready="error"]');
    expect(await page.textContent('#status')).toMatch(/no node with urn .*no_such_model.*NOT_FOUND/);
    expect(await listed('[data-testid="node-list"]')).toEqual([]);
  });

  it('loads nothing from another host, and serves assets with cache headers', async () => {
    expect(foreign).toEqual([]);
    const html = await fetch(`${base}/explorer`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    const etag = html.headers.get('etag')!;
    expect((await fetch(`${base}/explorer`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const script = (await html.text()).match(/src="([^"]+\.js)"/)![1]!;
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect((await asset.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${base}/explorer/assets/../../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/explorer`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 with the fix when the explorer was not built', async () => {
    const unbuilt = createHttpServer(helix, explorerRoutes(path.join(OUT, 'never-built')));
    await new Promise<void>((r) => unbuilt.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(unbuilt.address() as AddressInfo).port}/explorer`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      unbuilt.closeAllConnections();
      await new Promise((r) => unbuilt.close(r));
    }
  });
});

describe('time from a shared URL to a rendered graph (written to docs/benchmarks.md, "Explorer")', () => {
  it('renders synthetic lineages of 100 and 2,000 nodes; measures opening and panning', async () => {
    const timings: Record<string, unknown>[] = [];
    for (const [layers, width] of [[11, 9], [20, 100]] as const) {
      const { graph, root, size } = syntheticLineage(`synthetic_${1 + layers * width}`, layers, width);
      await writeGraph(helix.exec, graph, { scope: `test:synthetic:${size}`, deleteMissing: false });
      const url = `${base}/explorer?urn=${encodeURIComponent(root)}&direction=DOWNSTREAM&depth=50&level=TABLE`;
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript((key) => sessionStorage.setItem('helix.explorer.key', key), TOKEN);
      const rounds: Array<{ openToRenderedMs: number; apiMs: number; drawMs: number; phases: Record<string, number> }> = [];
      let frames: { median: number; p95: number } | undefined;
      for (let round = 0; round < 2; round++) {
        const p = await context.newPage();
        await p.goto(url);
        await p.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
        const mark = await p.evaluate(() => window.__explorer!.renders[0]!);
        expect(mark.nodes).toBe(size);
        expect(await p.$$eval('[data-testid="node-list"] li', (lis) => lis.length)).toBe(size);
        rounds.push({ openToRenderedMs: Math.round(mark.at), apiMs: Math.round(mark.apiMs ?? 0), drawMs: Math.round(mark.layoutMs ?? 0), phases: mark.phases ?? {} });
        if (round === 1) {
          // Interaction: pan and zoom the canvas for 60 frames, timing each frame.
          frames = await p.evaluate(async () => {
            const cy = window.__explorer!.cy() as { panBy(p: { x: number; y: number }): void; zoom(): number; zoom(z: number): void };
            const times: number[] = [];
            let last = performance.now();
            for (let i = 0; i < 60; i++) {
              await new Promise((r) => requestAnimationFrame(r));
              if (i % 2) cy.panBy({ x: 6, y: 3 });
              else cy.zoom(cy.zoom() * (i % 4 ? 1.02 : 0.98));
              const now = performance.now();
              times.push(now - last);
              last = now;
            }
            times.sort((a, b) => a - b);
            return { median: Math.round(times[30]!), p95: Math.round(times[56]!) };
          });
          // Zoomed in far enough to read, the nodes on screen get their labels (large views label lazily).
          const labelled = await p.evaluate(async () => {
            const cy = window.__explorer!.cy() as { zoom(z: { level: number; position: { x: number; y: number } }): void; nodes(s?: string): { length: number } };
            cy.zoom({ level: 1, position: { x: 0, y: 0 } });
            await new Promise((r) => setTimeout(r, 400));
            return [cy.nodes('.labelled').length, cy.nodes().length];
          });
          if (size > 300) expect(labelled[0]).toBeGreaterThan(0);
          if (size > 300) expect(labelled[0]).toBeLessThan(labelled[1]!);
          await p.screenshot({ path: path.join(OUT, `bench-${size}.png`) });
        }
        await p.close();
      }
      await context.close();
      // Round 1 is a first visit (API answer computed, assets fetched); round 2 a revisit (cached answer and assets).
      timings.push({ nodes: size, edges: graph.edges.length, first: rounds[0], revisit: rounds[1], frameMedianMs: frames?.median, frameP95Ms: frames?.p95 });
    }
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    writeFileSync(path.join(OUT, 'timings.json'), `${JSON.stringify({ at: new Date().toISOString(), load, timings }, null, 2)}\n`);
    console.log(`explorer timings (load ${load}):`, JSON.stringify(timings));
  }, 300_000);
});
