import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { resolveGardenConfig, type GardenConfig, type GardenOptions } from '../garden/config.ts';
import { loadGarden, type Garden } from '../garden/garden.ts';
import { slugForAttachmentPath } from '../garden/slug.ts';
import { formatBuildSummary } from '../garden/summary.ts';
import { SiteUrls } from '../garden/urls.ts';
import { setSiteState } from '../site/store.ts';
import { brandPlugin } from './brand.ts';
import { serveAttachments, serveExplorerData, watchContent } from './dev.ts';
import { writeExplorerData } from './explorer-data.ts';

/**
 * The garden as an Astro integration: loads the content folder before pages render, copies the
 * attachments notes use, prints the build summary, and in dev reloads the garden when a note changes.
 */
export default function garden(options: GardenOptions = {}): AstroIntegration {
  let config: GardenConfig;
  let urls: SiteUrls;
  let loaded: Garden | undefined;
  let started = 0;

  const load = async (logger: AstroIntegrationLogger) => {
    loaded = await loadGarden(config);
    setSiteState({ garden: loaded, urls });
    logger.info(`read ${loaded.index.notes.length} notes from ${config.contentDir}`);
    return loaded;
  };

  return {
    name: 'knowledge-garden',
    hooks: {
      'astro:config:setup': async ({ config: astroConfig, command, logger, updateConfig }) => {
        started = performance.now();
        config = resolveGardenConfig(options, process.env, fileURLToPath(astroConfig.root));
        urls = new SiteUrls(astroConfig.base);
        logger.info(`content folder: ${config.contentDir}`);
        updateConfig({
          vite: {
            plugins: [brandPlugin(config.brand, fileURLToPath(astroConfig.root))],
            // Never inline scripts or assets into pages: the planned Content-Security-Policy allows
            // scripts, styles and fonts from our own origin only (no inline code, no data: URLs).
            build: { assetsInlineLimit: 0 },
          },
        });
        // Loaded before Astro looks at any page, so that no page ever sees another build's garden.
        if (command === 'build') await load(logger);
      },
      'astro:server:setup': async ({ server, logger }) => {
        await load(logger);
        server.middlewares.use(serveAttachments(() => loaded, urls));
        server.middlewares.use(serveExplorerData(() => loaded, urls));
        watchContent(server, config.contentDir, async () => {
          await load(logger);
          server.ws.send({ type: 'full-reload' });
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!loaded) throw new Error('The garden was not loaded before the build finished.');
        const copied = await copyAttachments(loaded, fileURLToPath(dir));
        await writeExplorerData(loaded, urls, fileURLToPath(dir));
        const summary = formatBuildSummary(loaded, {
          attachments: copied,
          elapsedMs: performance.now() - started,
          verbose: /^(1|true|yes)$/i.test(process.env.GARDEN_VERBOSE ?? ''),
        });
        for (const line of summary.split('\n')) logger.info(line);
        const errors = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
        if (config.strict && errors > 0) {
          throw new Error(`Strict build: ${errors} error(s) in the content (listed above). Fix them, or build without GARDEN_STRICT.`);
        }
      },
    },
  };
}

/** Copies every attachment a published note uses to its URL in the site; returns how many. */
async function copyAttachments(garden: Garden, outDir: string): Promise<number> {
  const contentDir = garden.config.contentDir;
  let copied = 0;
  for (const attachment of garden.index.attachmentsUsed) {
    const destination = path.join(outDir, ...slugForAttachmentPath(attachment).split('/'));
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.copyFile(path.join(contentDir, ...attachment.split('/')), destination);
    copied++;
  }
  return copied;
}
