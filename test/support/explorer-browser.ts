import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.HELIX_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that may only talk to `origin`: any request elsewhere (a CDN, fonts, telemetry) is aborted and recorded,
 * so a test can assert that the explorer needs nothing but Helix.
 */
export async function isolatedPage(browser: Browser, origin: string, viewport = { width: 1440, height: 900 }): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return { page, foreign };
}

/** What the explorer page exposes for tests (src/explorer/page/controller.ts). */
export interface ExplorerRenderMark {
  nodes: number;
  edges: number;
  at: number;
  apiMs?: number;
  layoutMs?: number;
  phases?: Record<string, number>;
}
declare global {
  interface Window {
    __explorer?: { renders: ExplorerRenderMark[]; cy: () => unknown };
  }
}
