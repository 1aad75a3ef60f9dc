import { createHash } from 'node:crypto';
import type { Garden } from '../core/build/build.ts';
import type { Slug } from '../core/common/types.ts';
import { DIAGRAM_CODE_ENTRY } from './diagrams.ts';
import { explorerView, pageFrame, siteHeader, siteNav } from './frame.ts';
import { siteData } from './site-data.ts';

/**
 * A page's key: a hash of everything the page shows, so that a build writes again only the pages
 * whose key changed and carries the others over from the previous build (Astro's incremental
 * build, which the integration turns on; it also compares the code each page is rendered with, and
 * renders again every page whose code changed). What a page shows is its view model, made by the
 * same functions the page calls, so nothing it shows can be left out of its key: a note page's
 * article without its HTML (its render key stands for it), its backlinks and their contexts, its
 * neighbours, its history; the frame around every page (explorer, title, policy); and the site's
 * chrome (the garden's options that pages show, header, menu).
 *
 * `undefined` when pages are not being built for publishing (the dev server renders every page
 * anyway), or when a page's content has no version known ahead of rendering.
 */
export function pageKey(shown: unknown, frame: { title: string; current: Slug | undefined }): string | undefined {
  const { garden, publishing } = siteData();
  if (!publishing) return undefined;
  return createHash('sha256')
    .update(siteKey(garden))
    .update('\0')
    .update(JSON.stringify(shown))
    .update('\0')
    .update(JSON.stringify([pageFrame(frame.title, frame.current, undefined), explorerView(frame.current)]))
    .digest('hex')
    .slice(0, 32);
}

const siteKeys = new WeakMap<Garden, string>();

/** What every page shows of the garden's options, hashed once per garden. */
function siteKey(garden: Garden): string {
  let key = siteKeys.get(garden);
  if (key === undefined) {
    const { title, description, repository, comments, brand, explorer, health, tags } = garden.config;
    // Mermaid's address names its version, which is read when the build runs, not written in the
    // code Astro compares: a page with a diagram carried over after an upgrade would ask for files
    // the site no longer has.
    const chrome = {
      title,
      description,
      repository,
      comments,
      brand,
      explorer,
      health,
      tags,
      header: siteHeader(),
      nav: siteNav(),
      diagramCode: DIAGRAM_CODE_ENTRY,
    };
    key = createHash('sha256').update(JSON.stringify(chrome)).digest('hex');
    siteKeys.set(garden, key);
  }
  return key;
}
