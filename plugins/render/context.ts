import type { LinkTarget } from '../../src/garden/index/facts.ts';
import type { Heading } from '../../src/garden/index/facts.ts';
import type { Resolution } from '../../src/garden/index/resolver.ts';
import type { ContentPath } from '../../src/garden/types.ts';
import type { SiteUrls } from '../../src/garden/urls.ts';

/** What the render plugins may ask about the garden while rendering one note. */
export interface RenderContext {
  /** The note being rendered; links are resolved relative to it. */
  path: ContentPath;
  /** Its headings as the index saw them, in document order: their ids are reused verbatim. */
  headings: readonly Heading[];
  /** The title the page shows above the note; a leading `# heading` with this text is dropped so
   * the title is not shown twice (the page's own h1 takes its id). */
  title?: string | undefined;
  resolve(target: LinkTarget): Resolution;
  /** A note's published state and title; `undefined` when there is no such note. */
  note(path: ContentPath): { title: string; published: boolean } | undefined;
  urls: SiteUrls;
}

declare module 'vfile' {
  interface DataMap {
    garden: RenderContext;
    /** Set when the leading `# title` heading was lifted out of the body: its id. */
    liftedTitleId?: string | undefined;
  }
}

export function contextOf(file: { data: { garden?: RenderContext } }): RenderContext {
  const context = file.data.garden;
  if (!context) throw new Error('The render pipeline needs `file.data.garden` (a RenderContext).');
  return context;
}
