import { readDiscussions, type DiscussionsRead } from '../comments/read-discussions.ts';
import { compareDiagnostics, type Diagnostic } from '../common/diagnostics.ts';
import { Stopwatch, type StageTiming } from '../common/stopwatch.ts';
import type { GardenConfig } from '../config/config.ts';
import { startLayout, type GardenLayout } from '../graph/garden-graph.ts';
import type { SiteUrls } from '../links/urls.ts';
import { renderFailureDiagnostic, type RenderedNotes } from '../render/render-note.ts';
import type { ScanResult } from '../scan/scan.ts';
import { loadScanned, type Garden } from './build.ts';
import type { PrerenderedNotes } from './cache/prerendered.ts';
import { ParallelBuild } from './workers/parallel-build.ts';

/** Where a build says what it is doing (Astro's logger, in the site build). */
export interface BuildLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface BuildOptions {
  /** The site's addresses (its base path): rendered links point there. */
  urls: SiteUrls;
  log: BuildLog;
}

/**
 * What a site build made, before any page is generated. Read-only: Astro generates the pages from
 * it (through src/site), and `publish` (src/core/publish/publish.ts) writes the rest of the site.
 */
export interface BuildResult {
  /** The loaded garden: configuration, index, git history, redirects, published attachments. */
  readonly garden: Garden;
  readonly urls: SiteUrls;
  /** The page content of every note a page shows (the published notes and `404.md`), or why it could not be rendered. */
  readonly rendered: RenderedNotes;
  /** Every problem: the garden's, and each note that could not be rendered; sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Its stages: scan, parse, index, highlight, prerender. */
  readonly timings: readonly StageTiming[];
  /** The graph's layout, computing in a worker thread while Astro generates the pages. */
  readonly layout: Promise<GardenLayout>;
  /** The comment threads' discussions (counts, open questions), from GitHub or the cache. */
  readonly discussions: DiscussionsRead;
}

/**
 * The site build, up to the pages: on both cores, worker threads parse the notes, the main thread
 * resolves every link, then the workers render every note a page shows, so that every render
 * failure is known before the first page is generated. The graph's layout starts last and runs
 * while the pages are generated.
 */
export async function build(config: GardenConfig, options: BuildOptions): Promise<BuildResult> {
  const { urls, log } = options;
  // Where parse results, renderings and the graph's layout are kept between builds (safe to delete).
  const { cacheDir } = config;
  const parallel = new ParallelBuild(config);
  const stopwatch = new Stopwatch();
  // Read from GitHub while the notes are parsed: it needs only the configuration, and never fails.
  const discussions = readDiscussions(config, { network: true });
  let loaded: { garden: Garden; scan: ScanResult };
  let prerendered: PrerenderedNotes;
  try {
    loaded = await loadScanned(config, { history: true, parallel, cacheDir });
    reportLoad(loaded.garden, log);
    stopwatch.start('prerender');
    const bodies = new Map(loaded.scan.notes.map((note) => [note.path, note.body]));
    const { notes, rendered, parsedAgain } = await parallel.prerender(loaded.garden.index, urls, cacheDir, bodies);
    stopwatch.stop();
    // Parsed again: notes whose facts came from the cache, and notes past what a worker keeps.
    const again = parsedAgain > 0 ? `; ${parsedAgain} parsed again` : '';
    log.info(`rendered ${rendered} notes on ${parallel.workers} workers (${notes.size - rendered} unchanged, from the cache${again})`);
    prerendered = notes;
  } finally {
    await parallel.close();
  }
  const { garden } = loaded;
  const read = await discussions;
  if (read.message) log.info(read.message);
  const failures = [...prerendered.failed()].map(([path, failure]) => renderFailureDiagnostic(path, failure));
  return {
    garden,
    urls,
    rendered: prerendered,
    diagnostics: [...garden.diagnostics, ...failures].sort(compareDiagnostics),
    timings: [...garden.timings, ...stopwatch.timings],
    layout: startLayout(garden.index, { cacheDir }),
    discussions: read,
  };
}

/** What a load found, for the log: how many notes, and whether the git history could be read. */
export function reportLoad(garden: Garden, log: BuildLog): void {
  log.info(`read ${garden.index.notes.length} notes from ${garden.config.contentDir}`);
  if (garden.historyError) log.warn(`git history not available, pages show no dates or contributors: ${garden.historyError}`);
  else if (!garden.history) log.info('the content folder is not in a git repository: pages show no history');
  else if (garden.history.shallow) {
    log.warn('shallow git clone: created dates and contributors stop at the clone depth (fetch the whole history, e.g. `fetch-depth: 0`)');
  }
  // Without git the edit links rest on an assumption: say which, and how to correct it.
  const { repository } = garden.config;
  if (repository && !garden.history && repository.contentPath === undefined) {
    const place = repository.assumedContentPath === '' ? 'at the root of' : `in \`${repository.assumedContentPath}/\` of`;
    log.info(`edit links assume the notes are ${place} ${repository.url} (set \`repository.contentPath\` if they are elsewhere)`);
  }
}
