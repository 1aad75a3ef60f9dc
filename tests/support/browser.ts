import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from './static-server.ts';

/** Debian's Chromium, never a downloaded browser, with everything that would reach the network off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serves a built `dist/` folder on a free local port, as GitHub Pages would. */
export async function serveSite(dist: string): Promise<{ origin: string; server: Server }> {
  const server = createServer(serveStatic(dist));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, server };
}
