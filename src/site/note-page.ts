import type { IndexedNote } from '../core/index/types.ts';
import { HOME_SLUG, type PageUrl, type Slug } from '../core/common/types.ts';
import { folderUrl, type Folder } from '../core/index/tree.ts';
import { isRenderFailure } from '../core/render/render-note.ts';
import { commentThreadOf, type CommentThreadView } from './comments.ts';
import { localGraphOf, type LocalGraphView } from './graph-view.ts';
import { noteHistoryOf, type NoteHistoryView } from './history-view.ts';
import { noteMeta, type NoteMetaView } from './meta.ts';
import { breadcrumbsFor, neighboursOf, tableOfContents, type Crumb, type Neighbours } from './navigation.ts';
import { noteActions, type NoteActionsView } from './note-actions.ts';
import { pageKey } from './page-keys.ts';
import { searchMetaOf, type SearchMetaView } from './search-meta.ts';
import { siteData } from './site-data.ts';
import { backlinksOf, foldersWithoutPage, gardenTree, noteBySlug, tagLinks, type BacklinkView } from './view.ts';

/** The pages of notes and of folders without their own page, and the article every note's page shows. */

/**
 * One page per published note at its slug (the home page has its own), and a listing page for each
 * folder without an index; each with its key (page-keys.ts), so that a build writes again only the
 * pages whose key changed.
 */
export function notePaths(): { params: { slug: Slug }; props: { folder: Folder | undefined }; cacheKey?: string }[] {
  const { garden, rendered, publishing } = siteData();
  const notes = [...garden.index.bySlug.values()]
    .filter((note) => note.slug !== HOME_SLUG)
    .map((note) => {
      const content = publishing ? rendered.version(note) : undefined;
      // Pages the dev server makes have no key: their shell is not made for one.
      if (content === undefined) return { params: { slug: note.slug }, props: { folder: undefined } };
      // Made again when the page is rendered. Kept from here to their page instead, 6,500 shells
      // outlived the young generation, and page generation was slower (1 to 8 s in four
      // back-to-back builds of the vault-shaped garden) than making each twice.
      const cacheKey = pageKey({ page: notePageShell(note), content }, frameOf(note));
      return { params: { slug: note.slug }, props: { folder: undefined }, ...(cacheKey ? { cacheKey } : {}) };
    });
  const folders = foldersWithoutPage()
    .filter((folder) => !garden.index.bySlug.has(folder.slug))
    .map((folder) => {
      const page = folderPage(folder);
      const cacheKey = pageKey(page, { title: page.title, current: page.current });
      return { params: { slug: folder.slug }, props: { folder }, ...(cacheKey ? { cacheKey } : {}) };
    });
  return [...notes, ...folders];
}

/** What the page of the note at `slug` shows, and what its layout needs. */
export function notePage(slug: string) {
  const note = noteBySlug(slug);
  const { article, ...page } = notePageShell(note);
  return { ...page, article: { ...noteContent(note), ...article } };
}

/** A note's page without the note's content: all its page key needs besides the content's version. */
function notePageShell(note: IndexedNote) {
  return {
    title: note.title,
    description: note.frontmatter.description,
    current: note.slug,
    toc: tableOfContents(note.facts.headings),
    lang: note.language,
    article: noteArticleShell(note),
  };
}

/** Where a note's page is in the site, for the frame around it. */
function frameOf(note: IndexedNote) {
  return { title: note.title, current: note.slug };
}

/** The notice a page shows where its note could not be rendered (the build reports why). */
const RENDER_FAILED_HTML =
  '<p class="kg-render-error">This note could not be shown. The build reported why; fix the note and build again.</p>';

export interface NoteContent {
  /** Safe HTML, from the one render pipeline. */
  html: string;
  /** The id of the note's `# title`, lifted out of the body to be the page's title. */
  liftedTitleId?: string | undefined;
  hasDiagram: boolean;
}

/** A note's content as its page shows it: as the render stage made it, or a notice where it could not. */
export function noteContent(note: IndexedNote): NoteContent {
  const result = siteData().rendered.page(note);
  return isRenderFailure(result) ? { html: RENDER_FAILED_HTML, hasDiagram: false } : result;
}

export interface NoteArticleView extends NoteContent {
  crumbs: Crumb[];
  title: string;
  description?: string | undefined;
  /** The home note: shown without the parts that place a note among others (dates, neighbours, backlinks, local graph). */
  isHome: boolean;
  meta?: NoteMetaView | undefined;
  history?: NoteHistoryView | undefined;
  actions: NoteActionsView;
  tags: { name: string; url: PageUrl }[];
  search: SearchMetaView;
  neighbours?: Neighbours | undefined;
  backlinks?: BacklinkView[] | undefined;
  /** `undefined` on the home page, and for a note without links either way. */
  localGraph?: LocalGraphView | undefined;
  /** The note's discussion; `undefined` when comments are off for the site or the note. */
  comments?: CommentThreadView | undefined;
}

/** A note as its page shows it (the home page too), around its rendered content. */
export function noteArticle(note: IndexedNote): NoteArticleView {
  return { ...noteContent(note), ...noteArticleShell(note) };
}

/** Everything a note's article shows but its content. */
function noteArticleShell(note: IndexedNote): Omit<NoteArticleView, keyof NoteContent> {
  const { urls } = siteData();
  const tree = gardenTree();
  const isHome = note.slug === '';
  return {
    crumbs: breadcrumbsFor(tree, urls, note.slug),
    title: note.title,
    description: note.frontmatter.description,
    isHome,
    meta: isHome ? undefined : noteMeta(note),
    history: isHome ? undefined : noteHistoryOf(note),
    actions: noteActions(note),
    tags: tagLinks(note),
    search: searchMetaOf(note),
    neighbours: isHome ? undefined : neighboursOf(tree, urls, note.slug),
    backlinks: isHome ? undefined : backlinksOf(note),
    localGraph: isHome ? undefined : localGraphOf(note),
    comments: commentThreadOf(note),
  };
}

export type FolderListingEntry =
  | { kind: 'folder'; title: string; url: PageUrl; count: number; description?: string | undefined }
  | { kind: 'note'; title: string; url: PageUrl; description?: string | undefined };

export interface FolderListingView {
  crumbs: Crumb[];
  title: string;
  /** Published notes in the folder and below it. */
  count: number;
  entries: FolderListingEntry[];
}

/** The generated page of a folder without its own index.md, and what its layout needs. */
export function folderPage(folder: Folder) {
  const { urls } = siteData();
  const listing: FolderListingView = {
    crumbs: breadcrumbsFor(gardenTree(), urls, folder.slug),
    title: folder.title,
    count: folder.count,
    entries: folder.entries.map((entry) =>
      entry.kind === 'folder'
        ? {
            kind: 'folder',
            title: entry.folder.title,
            url: folderUrl(entry.folder, urls),
            count: entry.folder.count,
            description: entry.folder.page?.frontmatter.description,
          }
        : { kind: 'note', title: entry.note.title, url: urls.page(entry.note.slug), description: entry.note.frontmatter.description },
    ),
  };
  return { title: folder.title, description: `The notes in ${folder.title}.`, current: folder.slug, listing };
}
