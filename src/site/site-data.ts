import type { Garden } from '../core/build/build.ts';
import type { DiscussionsRead } from '../core/comments/read-discussions.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import type { RenderedNotes } from '../core/render/render-note.ts';

/** What the pages are generated from: the loaded garden and its notes' page content. */
export interface SiteData {
  readonly garden: Garden;
  readonly urls: SiteUrls;
  /** Each note's page content: rendered ahead of time by a build, on demand by the dev server. */
  readonly rendered: RenderedNotes;
  /** The comment threads' discussions: read by the build (or from the cache), for counts, questions and influence. */
  readonly discussions: DiscussionsRead;
  /**
   * Whether pages are being built for publishing (`astro build`) rather than served by the dev
   * server. Told by the integration, which knows the command: `import.meta.env.PROD` follows
   * NODE_ENV, which a shell or a test runner may have set to anything.
   */
  readonly publishing: boolean;
}

/**
 * The one hand-over from the integration (src/astro/integration.ts, which builds the garden, and in
 * dev loads it again after every edit) to the view models of this folder, which are all that pages
 * and components import. It cannot be a module variable: Astro loads the integration with the
 * configuration, and the pages through Vite (bundled into the build's own chunks, or run by the
 * dev server's module runner), so this module exists twice in one process, once on each side, and
 * a variable set on one side is never seen on the other. What both sides share is the process's
 * global object: the data goes under one registered symbol, written only by `handOverSiteData`
 * and read only by `siteData`.
 */
const KEY = Symbol.for('knowledge-garden.site-data');
type GlobalWithSiteData = typeof globalThis & { [KEY]?: SiteData };

/** For the integration: what the pages are generated from from now on (a build's result, or dev's latest garden). */
export function handOverSiteData(data: SiteData): void {
  (globalThis as GlobalWithSiteData)[KEY] = data;
}

/** For the view models: the data the integration handed over; throws when no garden was built. */
export function siteData(): SiteData {
  const data = (globalThis as GlobalWithSiteData)[KEY];
  if (!data) {
    throw new Error(
      'The garden was not built before the pages: add `garden()` to `integrations` in astro.config.mjs (src/astro/integration.ts).',
    );
  }
  return data;
}
