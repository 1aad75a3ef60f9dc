import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from './static-server.ts';

/** Debian's Chromium, never a browser downloaded by a test tool (README: "Browser tests"). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface ServedSite {
  url: string;
  close(): Promise<void>;
}

/** Serves a built `dist/` on a free loopback port, as GitHub Pages would. */
export async function serveSite(dist: string): Promise<ServedSite> {
  const server: Server = createServer(serveStatic(dist));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
