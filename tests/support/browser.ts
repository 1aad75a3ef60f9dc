import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { serveStatic, type ServeListener } from './static-server.ts';

/**
 * Headless Chromium from the system (Debian's packages, installed from apt by `.ci/run`, never a
 * browser downloaded by a test tool) and a static server for a built site: what the browser tests,
 * the benchmark and scripts/screenshot.ts share.
 */

/**
 * Debian's headless shell (`chromium-headless-shell`) when it is installed, else Debian's browser
 * (`chromium`); `CHROMIUM_PATH` names another. Both are the same Chromium (same version, same Blink);
 * the shell leaves out the desktop browser around the engine, and used about a third less CPU on the
 * same pages (the browser tests: 337 CPU-seconds against 487 on the 2-core machine), which is what
 * Playwright's own headless mode runs for the same reason.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? systemChromium(['/usr/bin/chromium-headless-shell', '/usr/bin/chromium']);

function systemChromium(candidates: readonly string[]): string {
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates.at(-1)!;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // A cross-origin frame (the comments' giscus frame, on almost every note page) in the page's own
  // process instead of one more renderer process for each: about a sixth less CPU over a walk of a
  // hundred pages. What the tests check (the policy, what runs, what is shown) is the same either
  // way; process isolation is the browser's defence, not the garden's.
  '--disable-site-isolation-trials',
  '--disable-features=IsolateOrigins,site-per-process',
];

/**
 * How long a page may take to load, and a wait for an element, before a test fails. Playwright's 30 s
 * is not enough on a 2-core machine running three test files, their builds and their browsers at
 * once (load average 20): a page with a PDF viewer and a diagram once took longer to go quiet.
 */
const NAVIGATION_TIMEOUT_MS = 120_000;
const ACTION_TIMEOUT_MS = 60_000;

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // Every context gets the timeouts, however a test makes it (`browser.newPage` makes its context
  // through `newContext` too).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return context;
  };
  return browser;
}

export interface SiteServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/** Serves a built site on a free local port, as a static host would (404.html on misses). */
export async function serveSite(dist: string, onServe?: ServeListener): Promise<SiteServer> {
  const server: Server = createServer(serveStatic(path.resolve(dist), onServe));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SiteBrowser extends SiteServer {
  browser: Browser;
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/** Serves a built site and opens headless Chromium on it; `close()` stops both. */
export async function openSite(dist: string, onServe?: ServeListener): Promise<SiteBrowser> {
  const server = await serveSite(dist, onServe);
  const browser = await launchChromium();
  return {
    browser,
    origin: server.origin,
    newPage: async (options) => {
      const context = await browser.newContext(options);
      await context.addInitScript(recordCspViolations);
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Tabs that tests take in turn: a new tab is a new renderer process, about a CPU-second, against a
 * third of that for a page load in a tab already open. A check gets an idle tab (a new one when all
 * are in use) at the window size it asks for, and gives it back with nothing remembered: the light
 * colour scheme, storage cleared (a theme chosen, the explorer's open folders). A check that must see
 * a page's very first requests, or needs a context of its own, opens its own tab.
 */
export class TabPool {
  private readonly idle: Page[] = [];
  private readonly open: () => Promise<Page>;

  /** `open` makes a new tab when none is idle (by default `browser.newPage()`). */
  constructor(open: Browser | (() => Promise<Page>)) {
    this.open = typeof open === 'function' ? open : () => open.newPage();
  }

  /** An idle tab, or a new one, at this window size. */
  async take(viewport = { width: 1280, height: 720 }): Promise<Page> {
    const page = this.idle.pop() ?? (await this.open());
    await page.setViewportSize(viewport);
    return page;
  }

  /** Forgets what the tab's page remembered, and keeps the tab for the next check. */
  async giveBack(page: Page): Promise<void> {
    await page
      .evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      })
      .catch(() => undefined); // a page of another origin, or none: nothing of ours to forget
    await page.emulateMedia({ colorScheme: 'light' });
    this.idle.push(page);
  }

  async use(check: (page: Page) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
    const page = await this.take(viewport);
    try {
      await check(page);
    } finally {
      await this.giveBack(page);
    }
  }
}

/** Scrolls the way a reader does, with the mouse wheel, to the bottom of the page. */
export async function scrollToBottom(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const atBottom = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
    if (atBottom) break;
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
}

/**
 * Runs in every page before the page's own scripts: keeps each Content-Security-Policy violation
 * (src/site/csp.ts), so a test can assert that a feature works under the policy.
 */
function recordCspViolations(): void {
  const record: string[] = [];
  Object.defineProperty(window, '__cspViolations', { value: record });
  document.addEventListener('securitypolicyviolation', (event) =>
    record.push(`${event.effectiveDirective} ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`),
  );
}

/** The policy violations a page (opened with `openSite`) has had so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]);
}
