import type { Root } from 'mdast';
import type { LinkTarget } from '../markdown/facts.ts';
import type { Heading } from '../markdown/facts.ts';
import type { Resolution } from '../links/resolver.ts';
import type { ContentPath } from '../common/types.ts';
import type { SiteUrls } from '../links/urls.ts';
import type { CodeHighlighter } from './highlight-code.ts';

/** What the render plugins may ask about the garden while rendering one note. */
export interface RenderContext {
  /** The note being rendered; links are resolved relative to it. */
  path: ContentPath;
  /** Its headings as the index saw them, in document order: their ids are reused verbatim. */
  headings: readonly Heading[];
  /** The title the page shows above the note; a leading `# heading` with this text is dropped so
   * the title is not shown twice (the page's own h1 takes its id). */
  title?: string | undefined;
  /**
   * True when this note is rendered inside another one (an embed): its headings and blocks get no
   * ids (they would collide with the page's own), and its links to its own headings point at its
   * page rather than at the page that embeds it.
   */
  embedded?: boolean | undefined;
  resolve(target: LinkTarget): Resolution;
  /** Whether an inline `#tag` of this note counts as a tag (the garden's `tags.inline` option); one
   * that does not stays text. */
  isTag(name: string): boolean;
  /** A note's published state and title; `undefined` when there is no such note. */
  note(path: ContentPath): { title: string; published: boolean } | undefined;
  /** What embedding a published note needs; `undefined` for a draft or a missing note. */
  embeddable(path: ContentPath): EmbeddableNote | undefined;
  /** Build-time syntax highlighting; code stays plain when absent. */
  highlighter?: CodeHighlighter | undefined;
  urls: SiteUrls;
}

/** A note as another note embeds it. */
export interface EmbeddableNote {
  path: ContentPath;
  title: string;
  /** The note's tree as the index parsed it: read only (an embed copies what it shows). */
  tree: Root;
  headings: readonly Heading[];
  /** The context its content is rendered with inside another note (`embedded: true`). */
  context: RenderContext;
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
