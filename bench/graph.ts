/**
 * Graph benchmark (`npm run bench -- --graph`): for a generated garden (10,000 notes and about
 * 50,000 links by default), the time of each graph stage of the build and the size of what it
 * writes: the link graph and influence (PageRank), the layout (in a worker thread, as the build runs
 * it), `graph.json`, the graph page's data and the local graph files. No site is built: this isolates
 * the graph from the rest of the build (`npm run bench` reports the layout stage of full builds).
 */
import { resolveGardenConfig } from '../src/core/config/config.ts';
import { loadGarden } from '../src/core/build/build.ts';
import { buildGraphJson } from '../src/core/graph/graph-json.ts';
import { gardenGraph, startLayout } from '../src/core/graph/garden-graph.ts';
import { iterationsFor } from '../src/core/graph/layout.ts';
import { LocalGraphs, graphViewJson } from '../src/core/graph/view-data.ts';

export interface GraphBenchResult {
  notes: number;
  links: number;
  iterations: number;
  graphAndInfluenceMs: number;
  layoutMs: number;
  layoutCpuMs: number;
  layoutInWorker: boolean;
  graphJsonBytes: number;
  viewBytes: number;
  localGraphsMs: number;
  localBytes: number;
  localFiles: number;
  largestLocalBytes: number;
}

export async function benchGraph(contentDir: string): Promise<GraphBenchResult> {
  const garden = await loadGarden(resolveGardenConfig({ content: contentDir }, {}));
  let started = performance.now();
  const graph = gardenGraph(garden.index);
  const graphAndInfluenceMs = performance.now() - started;
  // As the build runs it: a worker thread, no cache.
  const layout = await startLayout(garden.index);
  const graphJson = JSON.stringify(buildGraphJson(garden, layout.positions));
  const view = JSON.stringify(graphViewJson(garden.index, graph, layout.positions));
  started = performance.now();
  const locals = new LocalGraphs(garden.index, graph);
  let localBytes = 0;
  let localFiles = 0;
  let largestLocalBytes = 0;
  for (const slug of garden.index.bySlug.keys()) {
    if (slug === '') continue;
    const bytes = Buffer.byteLength(JSON.stringify(locals.of(slug)));
    localBytes += bytes;
    largestLocalBytes = Math.max(largestLocalBytes, bytes);
    localFiles++;
  }
  return {
    notes: graph.graph.order,
    links: graph.graph.size,
    iterations: iterationsFor(graph.graph.order),
    graphAndInfluenceMs,
    layoutMs: layout.result.timing.wallMs,
    layoutCpuMs: layout.result.timing.cpuMs,
    layoutInWorker: layout.result.workerError === undefined,
    graphJsonBytes: Buffer.byteLength(graphJson),
    viewBytes: Buffer.byteLength(view),
    localGraphsMs: performance.now() - started,
    localBytes,
    localFiles,
    largestLocalBytes,
  };
}

export function formatGraphBench(label: string, result: GraphBenchResult): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} KB`);
  return [
    `\n${label}: graph of ${result.notes} notes and ${result.links} links`,
    `  link graph + influence (PageRank): ${seconds(result.graphAndInfluenceMs)}`,
    `  layout: ${seconds(result.layoutMs)} wall, cpu ${seconds(result.layoutCpuMs)}, ${result.iterations} iterations, ${result.layoutInWorker ? 'in a worker thread' : 'on the main thread (worker failed)'}`,
    `  graph.json: ${size(result.graphJsonBytes)}; graph page data: ${size(result.viewBytes)}`,
    `  local graphs: ${result.localFiles} files, ${size(result.localBytes)} in all (largest ${size(result.largestLocalBytes)}), built in ${seconds(result.localGraphsMs)}`,
  ].join('\n');
}
