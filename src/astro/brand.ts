import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import type { BrandOptions } from '../core/config/config.ts';
import { GardenConfigError } from '../core/config/config.ts';
import { brandStylesheet } from '../site/brand.ts';

/** What `Base.astro` imports to apply the brand: after the garden's own styles, so it wins. */
export const BRAND_MODULE = 'virtual:knowledge-garden/brand';
const BRAND_CSS = 'virtual:knowledge-garden/brand-options.css';

/**
 * A Vite plugin serving the brand as a virtual module: the custom properties generated from `brand`,
 * then the company's own stylesheets (`brand.css`), bundled with the rest of the site's CSS, so fonts
 * and images they reference are shipped from our own origin and hashed like every other asset.
 */
export function brandPlugin(brand: BrandOptions, root: string): Plugin {
  const stylesheets = brand.css.map((file) => {
    const absolute = path.resolve(root, file);
    if (!existsSync(absolute)) {
      throw new GardenConfigError(
        `Invalid garden options in astro.config.mjs:\n  - brand.css: "${file}" does not exist (paths are relative to the project folder, ${root}).`,
      );
    }
    return absolute;
  });
  const resolved = (id: string) => `\0${id}`;
  return {
    name: 'knowledge-garden:brand',
    resolveId(id) {
      if (id === BRAND_MODULE || id === BRAND_CSS) return resolved(id);
      return undefined;
    },
    load(id) {
      if (id === resolved(BRAND_MODULE)) {
        return [BRAND_CSS, ...stylesheets].map((file) => `import ${JSON.stringify(file)};`).join('\n');
      }
      if (id === resolved(BRAND_CSS)) return brandStylesheet(brand);
      return undefined;
    },
  };
}
