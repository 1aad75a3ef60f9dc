import type { GardenConfig } from '../core/config/config.ts';
import type { GardenIndex, IndexedNote } from '../core/index/types.ts';

/**
 * The Content-Security-Policy of every page (docs/security.md), built from what the site really
 * uses, so that a note that slipped something past the sanitizer still could not run it:
 * - scripts: only files from our own origin (no inline code, no eval), plus WebAssembly for
 *   Pagefind's search (`'wasm-unsafe-eval'` allows compiling WebAssembly, not JavaScript eval),
 *   and Pagefind's web worker, from our origin;
 * - styles and fonts: our own files; no inline styles (the site generates none);
 * - images: our own, and any https address, since notes show pictures hosted elsewhere (220 of
 *   them in the Sourcegraph handbook); media (audio, video) and frames (PDFs): our own files;
 * - the comment threads: a frame from the configured giscus host, nothing else from it;
 * - no plugins (`object-src 'none'`), no `<base>`, forms only to our own pages.
 *
 * Delivered as a `<meta>` element (a static site has no headers of its own), which cannot carry
 * `frame-ancestors`, `report-to` or `sandbox`: docs/security.md lists the headers a host should add.
 *
 * To extend it, add the sources a page feature needs to FEATURES (a per-page exception) or to
 * `gardenSources` (every page), and say why.
 */

export type CspDirective =
  | 'default-src'
  | 'script-src'
  | 'style-src'
  | 'img-src'
  | 'font-src'
  | 'connect-src'
  | 'media-src'
  | 'frame-src'
  | 'worker-src'
  | 'manifest-src'
  | 'object-src'
  | 'base-uri'
  | 'form-action';

export type CspSources = Partial<Record<CspDirective, readonly string[]>>;

/** The directives in the order they are written. */
const DIRECTIVES: readonly CspDirective[] = [
  'default-src',
  'script-src',
  'style-src',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'frame-src',
  'worker-src',
  'manifest-src',
  'object-src',
  'base-uri',
  'form-action',
];

/** What a page needs beyond every page's policy, by feature. */
export type PageFeature = 'diagrams';

const FEATURES: Record<PageFeature, CspSources> = {
  // Mermaid draws diagrams in the browser and styles them with a `<style>` element inside each SVG
  // and `style` attributes, as it measures text; it has no option to do without. Only pages that
  // show a diagram get `'unsafe-inline'` styles (never scripts); the note's own HTML still has no
  // style (the sanitizer removes them), so what is allowed is Mermaid's styling of its drawing.
  diagrams: { 'style-src': ["'unsafe-inline'"] },
};

/** The sources every page of this garden needs. */
export function gardenSources(config: Pick<GardenConfig, 'comments'>): CspSources {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'https:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'"],
    'frame-src': ["'self'", ...(config.comments ? [config.comments.host] : [])],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
  };
}

/** The policy of one page: every page's sources plus those of the features the page uses. */
export function contentSecurityPolicy(config: Pick<GardenConfig, 'comments'>, features: readonly PageFeature[] = []): string {
  const sources = gardenSources(config);
  const merged = new Map<CspDirective, string[]>();
  for (const directive of DIRECTIVES) merged.set(directive, [...(sources[directive] ?? [])]);
  for (const feature of features) {
    for (const [directive, extra] of Object.entries(FEATURES[feature]) as [CspDirective, readonly string[]][]) {
      const list = merged.get(directive)!;
      for (const source of extra) if (!list.includes(source)) list.push(source);
    }
  }
  return [...merged]
    .filter(([, list]) => list.length > 0)
    .map(([directive, list]) => `${directive} ${list.join(' ')}`)
    .join('; ');
}

/**
 * The features a note's page uses: `diagrams` when the note, or a note it embeds (at any depth),
 * has a Mermaid block. Read from the index, before the page is rendered, since the policy goes in
 * the page's `<head>`; an embed of a section without the diagram counts too (a harmless excess).
 */
export function pageFeatures(index: GardenIndex, note: IndexedNote | undefined): PageFeature[] {
  if (!note) return [];
  const seen = new Set<IndexedNote>();
  const queue = [note];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    if (current.facts.codeLanguages.some((language) => language.toLowerCase() === 'mermaid')) return ['diagrams'];
    for (const link of index.outgoing.get(current.path) ?? []) {
      if (!link.embed || link.resolution.kind !== 'note') continue;
      const target = index.byPath.get(link.resolution.path);
      if (target?.published) queue.push(target);
    }
  }
  return [];
}
