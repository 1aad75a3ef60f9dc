import type { Garden } from '../core/build/build.ts';
import type { SiteUrls } from '../core/links/urls.ts';

/**
 * The loaded garden, shared between the Astro integration (which loads it once per build, and again
 * when content changes in dev) and the pages (which only read it). Astro bundles pages separately
 * from the integration but runs both in one process, so the hand-over goes through a well-known
 * global rather than a module variable.
 */
export interface SiteState {
  garden: Garden;
  urls: SiteUrls;
  /**
   * Whether pages are being built for publishing (`astro build`) rather than served by the dev
   * server. Told by the integration, which knows the command: `import.meta.env.PROD` follows
   * NODE_ENV, which a shell or a test runner may have set to anything.
   */
  publishing: boolean;
}

const KEY = Symbol.for('knowledge-garden.site-state');
type GlobalWithState = typeof globalThis & { [KEY]?: SiteState };

export function setSiteState(state: SiteState): void {
  (globalThis as GlobalWithState)[KEY] = state;
}

export function siteState(): SiteState {
  const state = (globalThis as GlobalWithState)[KEY];
  if (!state) {
    throw new Error('The garden is not loaded: add `garden()` to `integrations` in astro.config.mjs.');
  }
  return state;
}
