import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { launchBrowser, offlinePage } from '../../../support/browser.js';
import { openTestHelix } from '../../../support/graph.js';

let helix: HelixContext;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  helix = await openTestHelix();
  server = createHttpServer(helix);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await helix?.close();
});

describe('GraphiQL without internet', () => {
  it('renders the editor and runs a query with every other host unreachable', async () => {
    const { page, blocked, errors, context } = await offlinePage(browser, base);
    try {
      const query = '{ graphInfo { neo4jVersion } }';
      await page.goto(`${base}/graphql?query=${encodeURIComponent(query)}`);
      await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 30_000 });
      await page.locator('.graphiql-execute-button').click();
      // Monaco renders spaces as no-break spaces.
      const response = async () => (await page.locator('.graphiql-response').innerText()).replace(/\s+/g, ' ');
      await expect.poll(response, { timeout: 30_000 }).toMatch(/"neo4jVersion": "5\.26\./);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('serves its assets from this server, gzipped and cacheable, and no CDN address is in the page', async () => {
    const html = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).not.toMatch(/https?:\/\//);
    const src = /<script src="([^"]+)"/.exec(html)![1]!;
    const res = await fetch(`${base}${src}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('renderYogaGraphiQL');
    expect((await fetch(`${base}${src.replace(/[^/]+$/, 'nothing.js')}`)).status).toBe(404);
  });
});
