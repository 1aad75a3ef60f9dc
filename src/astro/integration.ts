import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build, type BuildResult } from '../core/build/site-build.ts';
import { Stopwatch } from '../core/common/stopwatch.ts';
import { GARDEN_OPTIONS, type GardenOptions } from '../core/config/config.ts';
import { prepareOutput, type OutputFolders } from '../core/publish/output.ts';
import { closePageCache, openPageCache, pageCacheFolder } from '../core/publish/page-cache.ts';
import { publish } from '../core/publish/publish.ts';
import { handOverSiteData } from '../site/site-data.ts';
import { brandPlugin } from './brand.ts';
import { startDevServer } from './dev-server.ts';
import { publishOutputIntegration } from './publish-output.ts';
import { siteSettings, type SiteSettings } from './settings.ts';

/**
 * The garden as an Astro integration. Its hooks only wire Astro's stages to the garden's:
 * `astro build` builds the garden (src/core/build/site-build.ts) before Astro generates the pages
 * from it (src/site), then publishes the rest of the site (src/core/publish/publish.ts); `astro dev`
 * loads the garden and keeps it up to date as notes change (dev-server.ts).
 */
export default function garden(options: GardenOptions = {}): AstroIntegration {
  const integration = createIntegration(options);
  // The `garden` CLI reads the options from astro.config.mjs through this key: one configuration.
  return Object.assign(integration, { [GARDEN_OPTIONS]: options });
}

/** What one `astro build` carries from the hook that builds the garden to the hook that publishes it. */
interface BuildRun {
  command: 'build';
  startedAt: number;
  output: OutputFolders;
  /** Where the previous build's pages are kept, for this build to carry over the unchanged ones. */
  pageCache: string;
  result: BuildResult;
  /** Astro's own stages, timed apart: bundling the site's code (Vite), then generating the pages. */
  astroStages: Stopwatch;
}

/** `astro dev` (and `preview`, `sync`): the garden is loaded when the dev server starts. */
interface ServeRun {
  command: 'serve';
  settings: SiteSettings;
}

function createIntegration(options: GardenOptions): AstroIntegration {
  let run: BuildRun | ServeRun | undefined;

  return {
    name: 'knowledge-garden',
    hooks: {
      'astro:config:setup': async ({ config: astroConfig, command, logger, updateConfig }) => {
        const startedAt = performance.now();
        const settings = siteSettings(options, astroConfig);
        logger.info(`content folder: ${settings.config.contentDir}`);
        // The site is built into a staging folder and moved into place only when the whole build
        // has succeeded (src/core/publish/output.ts): a failed build never leaves a half-written site.
        const output = command === 'build' ? prepareOutput(settings.outDir, settings.config.contentDir) : undefined;
        if (output)
          updateConfig({ outDir: pathToFileURL(`${output.staging}${path.sep}`), integrations: [publishOutputIntegration(output)] });
        updateConfig({
          vite: {
            plugins: [brandPlugin(settings.config.brand, fileURLToPath(astroConfig.root))],
            // Never inline scripts or assets into pages: the Content-Security-Policy (src/site/csp.ts) allows
            // scripts, styles and fonts from our own origin only (no inline code, no data: URLs).
            build: { assetsInlineLimit: 0 },
          },
        });
        if (!output) {
          run = { command: 'serve', settings };
          return;
        }
        // Each page's key (src/site/page-keys.ts) lets Astro write only the pages that changed since
        // the previous build and copy the others from its cache.
        const pageCache = pageCacheFolder(settings.config.cacheDir, settings.config.contentDir, output.outDir);
        openPageCache(pageCache, output.outDir);
        updateConfig({ cacheDir: pathToFileURL(`${pageCache}${path.sep}`), experimental: { incrementalBuild: true } });
        // Built before Astro looks at any page, so that no page ever sees another build's garden.
        const result = await build(settings.config, { urls: settings.urls, log: logger });
        handOverSiteData({
          garden: result.garden,
          urls: result.urls,
          rendered: result.rendered,
          discussions: result.discussions,
          publishing: true,
        });
        run = { command: 'build', startedAt, output, pageCache, result, astroStages: new Stopwatch() };
      },
      'astro:build:start': () => {
        if (run?.command === 'build') run.astroStages.start('bundle');
      },
      'astro:build:ssr': () => {
        if (run?.command === 'build') run.astroStages.start('pages');
      },
      'astro:build:generated': () => {
        if (run?.command !== 'build') return;
        run.astroStages.stop();
        // Every page is written and the cache's manifest with them.
        closePageCache(run.pageCache);
      },
      'astro:server:setup': async ({ server, logger }) => {
        // `astro build` may start a Vite server of its own (to generate types): that is not the dev
        // server, and it must not replace the garden the build made (with its rendered notes).
        if (run?.command !== 'serve') return;
        await startDevServer(server, run.settings, logger);
      },
      'astro:build:done': async ({ logger }) => {
        if (run?.command !== 'build') throw new Error('The garden was not built before the build finished.');
        run.astroStages.stop();
        await publish(run.result, run.output, { log: logger, startedAt: run.startedAt, pageTimings: run.astroStages.timings });
      },
    },
  };
}
