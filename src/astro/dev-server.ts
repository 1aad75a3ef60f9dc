import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Connect, ViteDevServer } from 'vite';
import type { PublishedAttachment } from '../core/build/attachments.ts';
import { loadGarden, type Garden } from '../core/build/build.ts';
import { reportLoad, type BuildLog } from '../core/build/site-build.ts';
import { readDiscussions, type DiscussionsRead } from '../core/comments/read-discussions.ts';
import { gardenDiscussions } from '../core/publish/garden-discussions.ts';
import { updateGarden } from '../core/build/update.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import { DIAGRAM_CODE_DIR, diagramCodeFiles } from '../core/publish/diagram-code.ts';
import { EXPLORER_DATA_DIR } from '../core/publish/explorer-json.ts';
import { explorerDataFiles } from '../core/publish/explorer-data.ts';
import { buildTree } from '../core/index/tree.ts';
import { HOME_SLUG } from '../core/common/types.ts';
import { buildGraphJson } from '../core/graph/graph-json.ts';
import { gardenGraph, startLayout } from '../core/graph/garden-graph.ts';
import { GRAPH_VIEW_FILE, LocalGraphs, graphViewJson, localGraphPath } from '../core/graph/view-data.ts';
import { renderOnDemand } from '../core/render/render-note.ts';
import { handOverSiteData } from '../site/site-data.ts';
import type { SiteSettings } from './settings.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.pagefind': 'application/wasm',
};

/**
 * `astro dev`: loads the garden for the pages (rendering each note when its page is asked for),
 * serves what a build would write besides the pages, and applies every change in the content
 * folder. An edit re-reads only the changed notes and resolves the garden's links again, so the page
 * and the backlinks of every note it links to are up to date on the reload.
 */
export async function startDevServer(server: ViteDevServer, settings: SiteSettings, log: BuildLog): Promise<void> {
  const { config, urls } = settings;
  // The dev server shows the discussions of the last build (from the cache): it makes no API request.
  const [loaded, discussions] = await Promise.all([
    loadGarden(config, { history: true, keepScan: true }),
    readDiscussions(config, { network: false }),
  ]);
  let garden = loaded;
  const handOver = () => handOverSiteData({ garden, urls, rendered: renderOnDemand(garden, urls), discussions, publishing: false });
  handOver();
  reportLoad(garden, log);
  if (discussions.message) log.info(discussions.message);
  server.middlewares.use(serveAttachments(() => garden, urls));
  const search = serveBuiltSearchIndex(settings.outDir, urls.base);
  server.middlewares.use(search.middleware);
  log.info(search.status);
  server.middlewares.use(serveExplorerData(() => garden, urls));
  server.middlewares.use(serveDiagramCode(urls));
  server.middlewares.use(serveGraphFiles(() => garden, urls, discussions));
  watchContent(server, config.contentDir, async (files) => {
    const started = performance.now();
    garden = await updateGarden(garden, files);
    handOver();
    server.ws.send({ type: 'full-reload' });
    log.info(`updated the garden after ${files.length} changed file(s) in ${Math.round(performance.now() - started)} ms`);
  });
}

/**
 * Search needs the Pagefind index that only a build produces. In dev, the index of the last build
 * (`dist/pagefind/`) is served, so search works with slightly stale results instead of failing.
 * Returns the middleware and a sentence for the dev server's log.
 */
export function serveBuiltSearchIndex(outDir: string, base: string): { middleware: Connect.NextHandleFunction; status: string } {
  const indexDir = path.join(outDir, 'pagefind');
  const prefix = `${base.replace(/\/?$/, '/')}pagefind/`;
  const middleware: Connect.NextHandleFunction = (request, response, next) => {
    const url = decodeURI((request.url ?? '').split('?')[0] ?? '');
    if (!url.startsWith(prefix)) return next();
    const file = path.join(indexDir, url.slice(prefix.length));
    if (!file.startsWith(indexDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    response.setHeader('Content-Type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  };
  const status = existsSync(path.join(indexDir, 'pagefind.js'))
    ? `search: serving the index of the last build (${statSync(path.join(indexDir, 'pagefind.js')).mtime.toLocaleString()}); run \`npm run build\` to refresh it`
    : 'search: no search index yet; run `npm run build` once and search will work here too';
  return { middleware, status };
}

/**
 * In dev, serves the attachments the build would publish, at the same URLs and as the build writes
 * them (an SVG sanitized); refused files are not served.
 */
export function serveAttachments(garden: () => Garden | undefined, urls: SiteUrls): Connect.NextHandleFunction {
  let cache: { garden: Garden; byUrl: Map<string, PublishedAttachment> } | undefined;
  return (request, response, next) => {
    const current = garden();
    if (!current) return next();
    if (cache?.garden !== current) {
      const byUrl = new Map(
        [...current.attachments.values()]
          .filter((file) => current.index.attachmentsUsed.has(file.path))
          .map((file) => [decodeURI(urls.attachment(file.path)), file]),
      );
      cache = { garden: current, byUrl };
    }
    const url = decodeURI((request.url ?? '').split('?')[0] ?? '');
    const attachment = cache.byUrl.get(url);
    if (!attachment) return next();
    const extension = path.extname(attachment.path).toLowerCase();
    response.setHeader('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    // As a second line of defence, nothing served from the content folder may run script.
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    if (attachment.sanitized !== undefined) response.end(attachment.sanitized);
    else createReadStream(path.join(current.config.contentDir, ...attachment.path.split('/'))).pipe(response);
  };
}

/**
 * Calls `reload` with the files that changed under the content folder, gathered over a short
 * debounce (an editor's save is often several events), one reload at a time.
 */
export function watchContent(server: ViteDevServer, contentDir: string, reload: (files: string[]) => Promise<void>): void {
  server.watcher.add(contentDir);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let pending = new Set<string>();
  const schedule = (file: string) => {
    if (!path.resolve(file).startsWith(path.resolve(contentDir) + path.sep)) return;
    pending.add(path.resolve(file));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending = new Set();
      running = running.then(() => reload(files)).catch((error: unknown) => server.config.logger.error(String(error)));
    }, 30);
  };
  server.watcher.on('add', schedule);
  server.watcher.on('change', schedule);
  server.watcher.on('unlink', schedule);
  server.watcher.on('addDir', schedule);
  server.watcher.on('unlinkDir', schedule);
}

/** In dev, serves Mermaid where a build publishes it (src/core/publish/diagram-code.ts). */
export function serveDiagramCode(urls: SiteUrls): Connect.NextHandleFunction {
  const files = diagramCodeFiles();
  const prefix = `${urls.base}${DIAGRAM_CODE_DIR}/`;
  return (request, response, next) => {
    const url = (request.url ?? '').split('?')[0] ?? '';
    const source = url.startsWith(prefix) ? files.get(url.slice(prefix.length)) : undefined;
    if (source === undefined) return next();
    response.setHeader('Content-Type', 'text/javascript');
    createReadStream(source).pipe(response);
  };
}

/** In dev, answers the explorer's per-folder JSON requests from the loaded garden. */
export function serveExplorerData(garden: () => Garden | undefined, urls: SiteUrls): Connect.NextHandleFunction {
  let cache: { garden: Garden; files: Map<string, string> } | undefined;
  return (request, response, next) => {
    const current = garden();
    const url = decodeURI((request.url ?? '').split('?')[0] ?? '');
    if (!current || !url.startsWith(`${urls.base}${EXPLORER_DATA_DIR}/`)) return next();
    if (cache?.garden !== current) {
      const tree = buildTree(current.index.bySlug.values(), current.config.title, current.config.explorer);
      cache = { garden: current, files: new Map(explorerDataFiles(tree, urls)) };
    }
    const json = cache.files.get(url.slice(urls.base.length));
    if (json === undefined) return next();
    response.setHeader('Content-Type', 'application/json');
    response.end(json);
  };
}

/**
 * In dev, answers requests for the graph files from the loaded garden (the layout is computed the
 * first time one is asked for, after each change of the content).
 */
export function serveGraphFiles(
  garden: () => Garden | undefined,
  urls: SiteUrls,
  discussions: DiscussionsRead,
): Connect.NextHandleFunction {
  return (request, response, next) => {
    const current = garden();
    const url = decodeURI((request.url ?? '').split('?')[0] ?? '');
    if (!current || !url.startsWith(urls.base)) return next();
    const file = url.slice(urls.base.length);
    if (file !== 'graph.json' && file !== GRAPH_VIEW_FILE && !file.startsWith(localGraphPath(HOME_SLUG).replace(/_home\.json$/, '')))
      return next();
    void startLayout(current.index).then(
      (layout) => {
        const graph = gardenGraph(current.index);
        let json: unknown;
        if (file === 'graph.json') json = buildGraphJson(current, layout.positions, gardenDiscussions(current, discussions).influence);
        else if (file === GRAPH_VIEW_FILE) json = graphViewJson(current.index, graph, layout.positions);
        else {
          const slug = [...current.index.bySlug.keys()].find((candidate) => localGraphPath(candidate) === file);
          if (slug === undefined) return next();
          json = new LocalGraphs(current.index, graph).of(slug);
        }
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify(json));
      },
      (error: unknown) => next(error),
    );
  };
}
