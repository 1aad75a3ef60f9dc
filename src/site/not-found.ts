import type { IndexedNote } from '../core/index/types.ts';
import { type PageUrl, HOME_SLUG } from '../core/common/types.ts';
import { noteContent } from './note-page.ts';
import { siteData } from './site-data.ts';

export interface NotFoundView {
  title: string;
  /** The garden's own `404.md`, rendered through the pipeline like every note (safe HTML); `undefined` without one. */
  note?: { source: IndexedNote; html: string; hasDiagram: boolean } | undefined;
  /** The ways on: search, the home page, and recent changes (where renames show). */
  links: { search: PageUrl; home: PageUrl; recent: PageUrl };
}

const DEFAULT_TITLE = 'This page does not exist';

/**
 * What the page not found shows above the garden's own help: the vault's `404.md` when it has one
 * (its title from the frontmatter or its opening `# heading`; not "404", the file's name).
 */
export function notFoundView(): NotFoundView {
  const { garden, urls } = siteData();
  const links = { search: urls.special('search/'), home: urls.page(HOME_SLUG), recent: urls.special('recent/') };
  const source = garden.index.notFoundNote;
  if (!source) return { title: DEFAULT_TITLE, links };
  const { html, hasDiagram } = noteContent(source);
  const named = source.frontmatter.title !== undefined || source.title !== fileName(source.path);
  return { title: named ? source.title : DEFAULT_TITLE, note: { source, html, hasDiagram }, links };
}

function fileName(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.md$/i, '');
}
