import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.HELIX_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Requests to any other origin, aborted: a page that works offline leaves this empty. */
  blocked: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/**
 * A page in a fresh context that can reach only `origin` (as if the machine had no internet): every request to
 * another host is aborted by the context's router (which also sees requests of workers) and recorded.
 */
export async function offlinePage(browser: Browser, origin: string): Promise<OfflinePage> {
  const context = await browser.newContext();
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url === origin) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, blocked, errors };
}
