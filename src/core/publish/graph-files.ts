import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Garden } from '../build/build.ts';
import type { BlendedInfluence } from '../graph/blended-influence.ts';
import { buildGraphJson } from '../graph/graph-json.ts';
import { gardenGraph, type GardenLayout } from '../graph/garden-graph.ts';
import { GRAPH_VIEW_FILE, LocalGraphs, graphViewJson, localGraphPath } from '../graph/view-data.ts';

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
export async function writeGraphFiles(
  garden: Garden,
  outDir: string,
  layout: Promise<GardenLayout>,
  influence?: BlendedInfluence,
): Promise<GraphFilesReport> {
  const ready = await layout;
  const files = graphFiles(garden, ready, influence);
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
export function* graphFiles(garden: Garden, layout: GardenLayout, influence?: BlendedInfluence): Generator<[string, string]> {
  const graph = gardenGraph(garden.index);
  yield ['graph.json', JSON.stringify(buildGraphJson(garden, layout.positions, influence))];
  yield [GRAPH_VIEW_FILE, JSON.stringify(graphViewJson(garden.index, graph, layout.positions))];
  const locals = new LocalGraphs(garden.index, graph);
  for (const slug of garden.index.bySlug.keys()) {
    if (slug !== '') yield [localGraphPath(slug), JSON.stringify(locals.of(slug))];
  }
}
