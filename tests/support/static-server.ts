import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

/** Called for every response with the URL path and the number of body bytes sent. */
export type ServeListener = (urlPath: string, bytes: number) => void;

/** A minimal static file server for built sites, as GitHub Pages serves them (404.html on misses). */
export function serveStatic(root: string, onServe?: ServeListener) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = path.join(root, urlPath);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isDirectory()) file = path.join(file, 'index.html');
    const fileStat = await fs.stat(file).catch(() => undefined);
    if (!fileStat?.isFile()) {
      response.writeHead(404, { 'Content-Type': TYPES['.html']! });
      createReadStream(path.join(root, '404.html'))
        .on('error', () => response.end())
        .pipe(response);
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    onServe?.(urlPath, fileStat.size);
    createReadStream(file).pipe(response);
  };
}
