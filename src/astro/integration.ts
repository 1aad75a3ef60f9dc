import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { formatCommentsReport } from '../core/comments/report.ts';
import { commentThreadPlan } from '../core/comments/threads.ts';
import { GARDEN_OPTIONS, resolveGardenConfig, type GardenConfig, type GardenOptions } from '../core/config/config.ts';
import { loadGarden, type Garden } from '../core/build/build.ts';
import { ParallelBuild } from '../core/build/workers/parallel-build.ts';
import { updateGarden } from '../core/build/update.ts';
import { startLayout, type GardenLayout } from '../core/graph/garden-graph.ts';
import { formatBuildSummary } from '../core/publish/summary.ts';
import { Stopwatch, type StageTiming } from '../core/common/stopwatch.ts';
import { SiteUrls } from '../core/links/urls.ts';
import { setSiteState } from '../site/store.ts';
import { brandPlugin } from './brand.ts';
import { serveAttachments, serveBuiltSearchIndex, serveExplorerData, watchContent } from './dev-server.ts';
import { writeExplorerData } from '../core/publish/explorer-data.ts';
import { serveGraphFiles, writeGraphFiles, type GraphFilesReport } from '../core/publish/graph-files.ts';
import { moveIntoPlace, prepareOutput, stagingFolder, type OutputFolders } from '../core/publish/output.ts';
import { indexSite } from '../core/publish/search-index.ts';
import { copyAttachments } from '../core/publish/copy-attachments.ts';

/**
 * The garden as an Astro integration: loads the content folder before pages render, copies the
 * attachments notes use, prints the build summary, and in dev reloads the garden when a note changes.
 */
export default function garden(options: GardenOptions = {}): AstroIntegration {
  const integration = createIntegration(options);
  // The `garden` CLI reads the options from astro.config.mjs through this key: one configuration.
  return Object.assign(integration, { [GARDEN_OPTIONS]: options });
}

function createIntegration(options: GardenOptions): AstroIntegration {
  let config: GardenConfig;
  let urls: SiteUrls;
  let outDir: string;
  let loaded: Garden | undefined;
  let started = 0;
  let layout: Promise<GardenLayout> | undefined;
  let cache: string;
  let building = false;
  const stopwatch = new Stopwatch();

  const load = async (logger: AstroIntegrationLogger, parallel?: { build: ParallelBuild; cacheDir: string }) => {
    loaded = await loadGarden(config, { history: loaded?.history ?? true, ...(parallel ? { parallel: parallel.build, cacheDir: parallel.cacheDir } : {}) });
    setSiteState({ garden: loaded, urls, publishing: true });
    logger.info(`read ${loaded.index.notes.length} notes from ${config.contentDir}`);
    logHistory(loaded, logger);
    return loaded;
  };

  return {
    name: 'knowledge-garden',
    hooks: {
      'astro:config:setup': async ({ config: astroConfig, command, logger, updateConfig }) => {
        started = performance.now();
        building = command === 'build';
        config = { ...resolveGardenConfig(options, process.env, fileURLToPath(astroConfig.root)), publicDir: fileURLToPath(astroConfig.publicDir) };
        urls = new SiteUrls(astroConfig.base);
        outDir = path.resolve(fileURLToPath(astroConfig.outDir));
        cache = cacheDir(fileURLToPath(astroConfig.root));
        logger.info(`content folder: ${config.contentDir}`);
        if (command === 'build') {
          // The site is built into a staging folder and moved into place only when the whole build
          // has succeeded (src/core/publish/output.ts): a failed build never leaves a half-written site.
          const output = prepareOutput(outDir, config.contentDir);
          updateConfig({ outDir: pathToFileURL(`${output.staging}${path.sep}`), integrations: [moveIntoPlaceLast(output)] });
        }
        updateConfig({
          vite: {
            plugins: [brandPlugin(config.brand, fileURLToPath(astroConfig.root))],
            // Never inline scripts or assets into pages: the Content-Security-Policy (src/site/csp.ts) allows
            // scripts, styles and fonts from our own origin only (no inline code, no data: URLs).
            build: { assetsInlineLimit: 0 },
          },
        });
        // Loaded before Astro looks at any page, so that no page ever sees another build's garden.
        if (command === 'build') {
          // Both cores: workers parse the notes, then render them ahead of Astro's page generation.
          const parallel = new ParallelBuild();
          try {
            const garden = await load(logger, { build: parallel, cacheDir: cache });
            stopwatch.timings.push(...garden.timings);
            stopwatch.start('prerender');
            const { notes, rendered } = await parallel.prerender(garden, urls, cache, garden.bodies ?? new Map());
            stopwatch.stop();
            garden.prerendered = notes;
            logger.info(`rendered ${rendered} notes on ${parallel.workers} workers (${notes.size - rendered} unchanged, from the cache)`);
          } finally {
            await parallel.close();
          }
          // The graph's layout runs in a worker thread while Astro generates the pages.
          layout = startLayout(loaded!.index, { cacheDir: cache });
        }
      },
      // Astro's own stages, timed apart: bundling the site's code (Vite), then generating the pages.
      'astro:build:start': () => {
        stopwatch.start('bundle');
      },
      'astro:build:ssr': () => {
        stopwatch.start('pages');
      },
      'astro:build:generated': () => {
        stopwatch.stop();
      },
      'astro:server:setup': async ({ server, logger }) => {
        // `astro build` may start a Vite server of its own (to generate types): that is not the dev
        // server, and it must not replace the garden the build loaded (with its prerendered notes).
        if (building) return;
        loaded = await loadGarden(config, { history: true, keepScan: true });
        setSiteState({ garden: loaded, urls, publishing: false });
        logger.info(`read ${loaded.index.notes.length} notes from ${config.contentDir}`);
        logHistory(loaded, logger);
        server.middlewares.use(serveAttachments(() => loaded, urls));
        const search = serveBuiltSearchIndex(outDir, urls.base);
        server.middlewares.use(search.middleware);
        logger.info(search.status);
        server.middlewares.use(serveExplorerData(() => loaded, urls));
        server.middlewares.use(serveGraphFiles(() => loaded, urls));
        // An edit re-reads only the changed notes and resolves the garden's links again, so the page
        // and the backlinks of every note it links to are up to date on the reload.
        watchContent(server, config.contentDir, async (files) => {
          const started = performance.now();
          loaded = await updateGarden(loaded!, files);
          setSiteState({ garden: loaded, urls, publishing: false });
          server.ws.send({ type: 'full-reload' });
          logger.info(`updated the garden after ${files.length} changed file(s) in ${Math.round(performance.now() - started)} ms`);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!loaded) throw new Error('The garden was not loaded before the build finished.');
        stopwatch.start('graph');
        await writeExplorerData(loaded, urls, fileURLToPath(dir));
        const graph = await writeGraphFiles(loaded, fileURLToPath(dir), layout ?? startLayout(loaded.index, { cacheDir: cache }));
        logger.info(graphReport(graph));
        if (graph.layout.result.workerError) logger.warn(`graph: the layout ran on the main thread (${graph.layout.result.workerError})`);
        stopwatch.start('search');
        const search = await indexSite(fileURLToPath(dir));
        // Last, after the search index: no file from the content folder can be indexed, and each is
        // created exclusively, so that it can never replace anything the build wrote.
        stopwatch.start('attachments');
        const copied = await copyAttachments(loaded, fileURLToPath(dir));
        stopwatch.stop();
        // Computed in parallel with page generation: its own time, not part of the sequence.
        stopwatch.timings.push(graph.layout.result.timing);
        logger.info(`search: Pagefind indexed ${search.pages} pages`);
        await writeTimings(stopwatch.timings, performance.now() - started);
        const summary = formatBuildSummary(loaded, {
          attachments: copied,
          elapsedMs: performance.now() - started,
          stages: stopwatch.timings,
          verbose: /^(1|true|yes)$/i.test(process.env.GARDEN_VERBOSE ?? ''),
        });
        for (const line of summary.split('\n')) logger.info(line);
        if (loaded.redirects.length > 0) logger.info(`garden: ${loaded.redirects.length} old addresses redirect to their notes (renames and aliases)`);
        for (const line of commentsReport(loaded)) logger.info(line);
        const errors = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
        if (config.strict && errors > 0) {
          throw new Error(
            `Strict build: ${errors} error(s) in the content (listed above). Fix them, or build without GARDEN_STRICT. ` +
              `The site was not published: ${outDir} is unchanged, and the unfinished build is in ${stagingFolder(outDir)}.`,
          );
        }
      },
    },
  };
}

/** Where renderings and the graph's layout are kept between builds: safe to delete (GARDEN_CACHE_DIR overrides it). */
function cacheDir(root: string): string {
  return process.env.GARDEN_CACHE_DIR ?? path.join(root, 'node_modules', '.cache', 'knowledge-garden');
}

function graphReport(report: GraphFilesReport): string {
  const { result } = report.layout;
  const size = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} KB`);
  return (
    `graph: layout ${result.cached ? 'unchanged (from the cache)' : `computed in ${(result.timing.wallMs / 1000).toFixed(1)} s`}; ` +
    `graph.json ${size(report.bytes.graphJson)}, graph page data ${size(report.bytes.view)}, ${report.localFiles} local graphs ${size(report.bytes.local)}`
  );
}

function logHistory(garden: Garden, logger: AstroIntegrationLogger): void {
  if (garden.historyError) logger.warn(`git history not available, pages show no dates or contributors: ${garden.historyError}`);
  else if (!garden.history) logger.info('the content folder is not in a git repository: pages show no history');
  else if (garden.history.shallow) {
    logger.warn('shallow git clone: created dates and contributors stop at the clone depth (fetch the whole history, e.g. `fetch-depth: 0`)');
  }
  // Without git the edit links rest on an assumption: say which, and how to correct it.
  const { repository } = garden.config;
  if (repository && !garden.history && repository.contentPath === undefined) {
    const place = repository.assumedContentPath === '' ? 'at the root of' : `in \`${repository.assumedContentPath}/\` of`;
    logger.info(`edit links assume the notes are ${place} ${repository.url} (set \`repository.contentPath\` if they are elsewhere)`);
  }
}

/**
 * For the benchmark (`npm run bench`): when GARDEN_TIMINGS_FILE is set, the build writes its stage
 * timings, peak memory and CPU time there as JSON.
 */
async function writeTimings(stages: readonly StageTiming[], totalMs: number): Promise<void> {
  const file = process.env.GARDEN_TIMINGS_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  const report = { stages, totalMs, maxRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  await fs.writeFile(file, JSON.stringify(report, null, 2));
}

function commentsReport(garden: Garden): string[] {
  return formatCommentsReport(garden.config.comments, commentThreadPlan(garden), /^(1|true|yes)$/i.test(process.env.GARDEN_VERBOSE ?? ''));
}

/**
 * The last integration of the build: when every other integration's `astro:build:done` has
 * finished (pages, attachments, search index), it moves the staging folder into place.
 */
function moveIntoPlaceLast(output: OutputFolders): AstroIntegration {
  return {
    name: 'knowledge-garden:publish-output',
    hooks: {
      'astro:build:done': async ({ logger }) => {
        await moveIntoPlace(output);
        logger.info(`site written to ${output.outDir}`);
      },
    },
  };
}
