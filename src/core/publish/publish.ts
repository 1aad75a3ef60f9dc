import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BuildLog, BuildResult } from '../build/site-build.ts';
import { formatCommentsReport } from '../comments/report.ts';
import { commentThreadPlan } from '../comments/threads.ts';
import { Stopwatch, type StageTiming } from '../common/stopwatch.ts';
import { HOME_SLUG } from '../common/types.ts';
import { copyAttachments } from './copy-attachments.ts';
import { copyDiagramCode } from './diagram-code.ts';
import { fileSetCache } from './file-set-cache.ts';
import { writeDiscussionsJson } from './discussions-file.ts';
import { gardenDiscussions } from './garden-discussions.ts';
import { writeExplorerData } from './explorer-data.ts';
import { graphFileCache } from './graph-cache.ts';
import { writeGraphFiles, type GraphFilesReport } from './graph-files.ts';
import type { OutputFolders } from './output.ts';
import { indexSite, type SearchIndexResult } from './search-index.ts';
import { formatBuildSummary } from './summary.ts';

export interface PublishOptions {
  log: BuildLog;
  /** When the whole build started (`performance.now()`), for its total time. */
  startedAt: number;
  /** Stages timed outside the garden's code, in order: Astro bundling the site and generating its pages. */
  pageTimings: readonly StageTiming[];
}

/** What `publish` wrote into the site. */
export interface PublishReport {
  /** The explorer's per-folder JSON files. */
  explorerFiles: number;
  graph: GraphFilesReport;
  /** Pages Pagefind indexed. */
  searchPages: number;
  attachments: number;
  /** Every stage of the build, in order, then the graph's layout (which ran alongside). */
  timings: readonly StageTiming[];
}

/**
 * The publish stage, once Astro has written the pages into `output.staging`: the explorer's data,
 * Mermaid when a note draws a diagram, the graph files, the search index and, last, the attachments;
 * then the build's summary. A strict build with errors in the content fails here, before the site
 * is moved into place.
 */
export async function publish(result: BuildResult, output: OutputFolders, options: PublishOptions): Promise<PublishReport> {
  const { garden, urls } = result;
  const { log } = options;
  // Every problem listed, not only the first ones (GARDEN_VERBOSE); the timings for the benchmark (GARDEN_TIMINGS_FILE).
  const { verbose, timingsFile } = garden.config;
  const dir = output.staging;
  const stopwatch = new Stopwatch();
  stopwatch.start('graph');
  const explorerFiles = await writeExplorerData(garden, urls, dir);
  await copyDiagramCode(garden, dir);
  const discussions = gardenDiscussions(garden, result.discussions);
  await writeDiscussionsJson(garden.config.comments, discussions, dir);
  const graph = await writeGraphFiles(garden, dir, result.layout, discussions.influence, graphFileCache(garden.config.cacheDir));
  log.info(graphReport(graph));
  if (graph.layout.result.workerError) log.warn(`graph: the layout ran on the main thread (${graph.layout.result.workerError})`);
  stopwatch.start('search');
  const search = await indexSite(dir, notePageFiles(garden), {
    pagesPerPart: garden.config.searchPartPages,
    cache: (part) => fileSetCache(path.join(garden.config.cacheDir, 'search-index', `part-${part}`)),
  });
  // Last, after the search index: no file from the content folder can be indexed, and each is
  // created exclusively, so that it can never replace anything the build wrote.
  stopwatch.start('attachments');
  const attachments = await copyAttachments(garden, dir);
  stopwatch.stop();
  // Computed in parallel with page generation: its own time, not part of the sequence.
  const timings = [...result.timings, ...options.pageTimings, ...stopwatch.timings, graph.layout.result.timing];
  log.info(searchReport(search));
  await writeTimings(timingsFile, timings, performance.now() - options.startedAt);
  const summary = formatBuildSummary(
    { index: garden.index, diagnostics: result.diagnostics, timings },
    { attachments, elapsedMs: performance.now() - options.startedAt, stages: timings, verbose },
  );
  for (const line of summary.split('\n')) log.info(line);
  if (garden.redirects.length > 0)
    log.info(`garden: ${garden.redirects.length} old addresses redirect to their notes (renames and aliases)`);
  for (const line of formatCommentsReport(garden.config.comments, commentThreadPlan(garden), verbose)) log.info(line);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (garden.config.strict && errors > 0) {
    throw new Error(
      `Strict build: ${errors} error(s) in the content (listed above). Fix them, or build without GARDEN_STRICT. ` +
        `The site was not published: ${output.outDir} is unchanged, and the unfinished build is in ${output.staging}.`,
    );
  }
  return { explorerFiles, graph, searchPages: search.pages, attachments, timings };
}

/** Where each note's page is in the site: `index.html` for the home note, `<slug>/index.html` for the others. */
function notePageFiles(garden: BuildResult['garden']): string[] {
  return [...garden.index.bySlug.keys()].map((slug) => (slug === HOME_SLUG ? 'index.html' : `${slug}/index.html`));
}

function searchReport(search: SearchIndexResult): string {
  if (search.parts === 1) return `search: Pagefind indexed ${search.pages} pages${search.carriedOver ? ' (unchanged, carried over)' : ''}`;
  const indexed = search.parts - search.carriedOver;
  return (
    `search: ${search.pages} pages in ${search.parts} parts: ` +
    (search.carriedOver ? `${search.carriedOver} unchanged (carried over), ${indexed} indexed by Pagefind` : 'each indexed by Pagefind')
  );
}

function graphReport(report: GraphFilesReport): string {
  const { result } = report.layout;
  const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`);
  return (
    `graph: layout ${result.cached ? 'unchanged (from the cache)' : `computed in ${(result.timing.wallMs / 1000).toFixed(1)} s`}; ` +
    (report.carriedOver ? 'graph files unchanged, carried over from the previous build: ' : '') +
    `graph.json ${size(report.bytes.graphJson)}, graph page data ${size(report.bytes.view)}, ${report.localFiles} local graphs ${size(report.bytes.local)}`
  );
}

/** For the benchmark (`npm run bench`): the stage timings, peak memory and CPU time, as JSON. */
async function writeTimings(file: string | undefined, stages: readonly StageTiming[], totalMs: number): Promise<void> {
  if (!file) return;
  const usage = process.resourceUsage();
  const report = { stages, totalMs, maxRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  await fs.writeFile(file, JSON.stringify(report, null, 2));
}
