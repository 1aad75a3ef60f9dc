import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Connect } from 'vite';
import type { Garden } from '../build/build.ts';
import { buildGraphJson } from '../graph/graph-json.ts';
import { gardenGraph, startLayout, type GardenLayout } from '../graph/garden-graph.ts';
import { GRAPH_VIEW_FILE, LocalGraphs, graphViewJson, localGraphPath } from '../graph/view-data.ts';
import type { Slug } from '../common/types.ts';
import type { SiteUrls } from '../links/urls.ts';

export interface GraphFilesReport {
  layout: GardenLayout;
  /** Bytes of `graph.json`, of the graph page's data and of all local graph files together. */
  bytes: { graphJson: number; view: number; local: number };
  localFiles: number;
}

/** Files written at once: enough to keep the disk busy, few enough for any open-file limit. */
const PARALLEL_WRITES = 64;

/**
 * Writes the graph's files into the built site once the layout is ready: `graph.json` (the contract),
 * the graph page's data, and one small file per note for its local graph.
 */
export async function writeGraphFiles(garden: Garden, outDir: string, layout: Promise<GardenLayout>): Promise<GraphFilesReport> {
  const ready = await layout;
  const files = graphFiles(garden, ready);
  const bytes = { graphJson: 0, view: 0, local: 0 };
  let localFiles = 0;
  const folders = new Map<string, Promise<unknown>>();
  const write = async ([file, text]: [string, string]) => {
    const destination = path.join(outDir, ...file.split('/'));
    const dir = path.dirname(destination);
    let made = folders.get(dir);
    if (!made) folders.set(dir, (made = fs.mkdir(dir, { recursive: true })));
    await made;
    await fs.writeFile(destination, text);
    const size = Buffer.byteLength(text);
    if (file === 'graph.json') bytes.graphJson = size;
    else if (file === GRAPH_VIEW_FILE) bytes.view = size;
    else {
      bytes.local += size;
      localFiles++;
    }
  };
  const pending = new Set<Promise<void>>();
  for (const entry of files) {
    const writing = write(entry).finally(() => pending.delete(writing));
    pending.add(writing);
    if (pending.size >= PARALLEL_WRITES) await Promise.race(pending);
  }
  await Promise.all(pending);
  return { layout: ready, bytes, localFiles };
}

/** Every graph file: path relative to the site's base → JSON text. */
export function* graphFiles(garden: Garden, layout: GardenLayout): Generator<[string, string]> {
  const graph = gardenGraph(garden.index);
  yield ['graph.json', JSON.stringify(buildGraphJson(garden, layout.positions))];
  yield [GRAPH_VIEW_FILE, JSON.stringify(graphViewJson(garden.index, graph, layout.positions))];
  const locals = new LocalGraphs(garden.index, graph);
  for (const slug of garden.index.bySlug.keys()) {
    if (slug !== '') yield [localGraphPath(slug), JSON.stringify(locals.of(slug))];
  }
}

/**
 * In dev, answers requests for the graph files from the loaded garden (the layout is computed the
 * first time one is asked for, after each change of the content).
 */
export function serveGraphFiles(garden: () => Garden | undefined, urls: SiteUrls): Connect.NextHandleFunction {
  return (request, response, next) => {
    const current = garden();
    const url = decodeURI((request.url ?? '').split('?')[0] ?? '');
    if (!current || !url.startsWith(urls.base)) return next();
    const file = url.slice(urls.base.length);
    if (file !== 'graph.json' && file !== GRAPH_VIEW_FILE && !file.startsWith(localGraphPath('' as Slug).replace(/_home\.json$/, ''))) return next();
    void startLayout(current.index).then(
      (layout) => {
        const graph = gardenGraph(current.index);
        let json: unknown;
        if (file === 'graph.json') json = buildGraphJson(current, layout.positions);
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
