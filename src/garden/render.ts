import { renderToHtml, type RenderedNote } from '../../plugins/pipeline.ts';
import type { Garden } from './garden.ts';
import type { IndexedNote } from './index/build.ts';
import type { SiteUrls } from './urls.ts';

/**
 * Stage 3: a note's tree to safe HTML through the one pipeline, consulting the index for every
 * link. Per-page work is proportional to the page.
 */
export function renderNote(garden: Garden, note: IndexedNote, urls: SiteUrls, options: { liftTitle?: boolean } = {}): RenderedNote {
  const { resolver, byPath } = garden.index;
  return renderToHtml(note.tree, {
    path: note.path,
    headings: note.facts.headings,
    title: options.liftTitle ? note.title : undefined,
    resolve: (target) => resolver.resolve(note.path, target),
    note: (path) => {
      const target = byPath.get(path);
      return target && { title: target.title, published: target.published };
    },
    urls,
  });
}
