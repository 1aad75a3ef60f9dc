import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { serveStatic, type ServeListener } from './static-server.ts';

/** Debian's Chromium, installed from apt by `.ci/run`; never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface SiteBrowser {
  browser: Browser;
  /** The served site's origin, e.g. `http://127.0.0.1:43111`. */
  origin: string;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Serves a built site on a free local port and opens headless Chromium on it. */
export async function openSite(dist: string, onServe?: ServeListener): Promise<SiteBrowser> {
  const server: Server = createServer(serveStatic(path.resolve(dist), onServe));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    browser,
    origin: `http://127.0.0.1:${port}`,
    newPage: async (options) => (await browser.newContext(options)).newPage(),
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
