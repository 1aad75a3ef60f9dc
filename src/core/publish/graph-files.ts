import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Garden } from '../build/build.ts';
import type { BlendedInfluence } from '../graph/blended-influence.ts';
import { buildGraphJson } from '../graph/graph-json.ts';
import { gardenGraph, type GardenLayout } from '../graph/garden-graph.ts';
import { GRAPH_VIEW_FILE, LocalGraphs, graphViewJson, localGraphPath } from '../graph/view-data.ts';
import type { GraphFileCache } from './graph-cache.ts';
import { PARALLEL_WRITES, parentFolders } from './parent-folders.ts';

export interface GraphFilesReport {
  layout: GardenLayout;
  /** Bytes of `graph.json`, of the graph page's data and of all local graph files together. */
  bytes: { graphJson: number; view: number; local: number };
  localFiles: number;
  /** Whether the files were the previous build's, carried over because the graph had not changed (graph-cache.ts). */
  carriedOver: boolean;
}

/**
 * Writes the graph's files into the built site once the layout is ready: `graph.json` (the contract),
 * the graph page's data, and one small file per note for its local graph. With a cache, a build
 * whose `graph.json` is the previous build's carries all of them over instead (graph-cache.ts).
 */
export async function writeGraphFiles(
  garden: Garden,
  outDir: string,
  layout: Promise<GardenLayout>,
  influence?: BlendedInfluence,
  cache?: GraphFileCache,
): Promise<GraphFilesReport> {
  const ready = await layout;
  const graphJson = JSON.stringify(buildGraphJson(garden, ready.positions, influence));
  const key = cache?.key(graphJson);
  const carried = key === undefined ? undefined : await cache?.carryOver(key, outDir);
  if (carried) return report(ready, carried, true);
  const written = new Map<string, number>();
  const makeFolder = parentFolders();
  const write = async ([file, text]: [string, string]) => {
    const destination = path.join(outDir, ...file.split('/'));
    await makeFolder(destination);
    await fs.writeFile(destination, text);
    written.set(file, Buffer.byteLength(text));
  };
  const pending = new Set<Promise<void>>();
  for (const entry of graphFiles(garden, ready, graphJson)) {
    const writing = write(entry).finally(() => pending.delete(writing));
    pending.add(writing);
    if (pending.size >= PARALLEL_WRITES) await Promise.race(pending);
  }
  await Promise.all(pending);
  if (key !== undefined) await cache?.keep(key, outDir, written);
  return report(ready, written, false);
}

function report(layout: GardenLayout, files: ReadonlyMap<string, number>, carriedOver: boolean): GraphFilesReport {
  const bytes = { graphJson: 0, view: 0, local: 0 };
  let localFiles = 0;
  for (const [file, size] of files) {
    if (file === 'graph.json') bytes.graphJson = size;
    else if (file === GRAPH_VIEW_FILE) bytes.view = size;
    else {
      bytes.local += size;
      localFiles++;
    }
  }
  return { layout, bytes, localFiles, carriedOver };
}

/** Every graph file, `graph.json` (made by the caller) first: path relative to the site's base → JSON text. */
function* graphFiles(garden: Garden, layout: GardenLayout, graphJson: string): Generator<[string, string]> {
  const graph = gardenGraph(garden.index);
  yield ['graph.json', graphJson];
  yield [GRAPH_VIEW_FILE, JSON.stringify(graphViewJson(garden.index, graph, layout.positions))];
  const locals = new LocalGraphs(garden.index, graph);
  for (const slug of garden.index.bySlug.keys()) {
    if (slug !== '') yield [localGraphPath(slug), JSON.stringify(locals.of(slug))];
  }
}
