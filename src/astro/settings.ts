import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig } from 'astro';
import { resolveGardenConfig, type GardenConfig, type GardenOptions } from '../core/config/config.ts';
import { SiteUrls } from '../core/links/urls.ts';

/** The garden's settings for one run of Astro (a build or the dev server), from its options and Astro's configuration. */
export interface SiteSettings {
  /** The garden's configuration, environment variables applied (the cache folder, verbosity and timings file among them). */
  readonly config: GardenConfig;
  readonly urls: SiteUrls;
  /** The site's output folder, as Astro was given it (the build writes to its staging folder first). */
  readonly outDir: string;
}

export function siteSettings(options: GardenOptions, astroConfig: AstroConfig): SiteSettings {
  return {
    // The process's environment, read by the config resolver (its default).
    config: {
      ...resolveGardenConfig(options, undefined, fileURLToPath(astroConfig.root)),
      publicDir: fileURLToPath(astroConfig.publicDir),
    },
    urls: new SiteUrls(astroConfig.base),
    outDir: path.resolve(fileURLToPath(astroConfig.outDir)),
  };
}
