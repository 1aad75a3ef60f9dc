import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig } from 'astro';
import { resolveGardenConfig, type GardenConfig, type GardenOptions } from '../core/config/config.ts';
import { SiteUrls } from '../core/links/urls.ts';

/** The garden's settings for one run of Astro (a build or the dev server), from its options and Astro's configuration. */
export interface SiteSettings {
  readonly config: GardenConfig;
  readonly urls: SiteUrls;
  /** The site's output folder, as Astro was given it (the build writes to its staging folder first). */
  readonly outDir: string;
  /** Where renderings and the graph's layout are kept between builds: safe to delete (GARDEN_CACHE_DIR overrides it). */
  readonly cacheDir: string;
  /** List every problem in the build's summary (GARDEN_VERBOSE). */
  readonly verbose: boolean;
  /** For the benchmark (`npm run bench`): where the build writes its stage timings, peak memory and CPU time as JSON (GARDEN_TIMINGS_FILE). */
  readonly timingsFile: string | undefined;
}

export function siteSettings(options: GardenOptions, astroConfig: AstroConfig, env: Record<string, string | undefined> = process.env): SiteSettings {
  const root = fileURLToPath(astroConfig.root);
  return {
    config: { ...resolveGardenConfig(options, env, root), publicDir: fileURLToPath(astroConfig.publicDir) },
    urls: new SiteUrls(astroConfig.base),
    outDir: path.resolve(fileURLToPath(astroConfig.outDir)),
    cacheDir: env.GARDEN_CACHE_DIR ?? path.join(root, 'node_modules', '.cache', 'knowledge-garden'),
    verbose: /^(1|true|yes)$/i.test(env.GARDEN_VERBOSE ?? ''),
    timingsFile: env.GARDEN_TIMINGS_FILE || undefined,
  };
}
