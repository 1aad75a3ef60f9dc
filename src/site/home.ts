import type { NoteDiscussion } from '../core/comments/note-discussions.ts';
import { gardenGraph } from '../core/graph/garden-graph.ts';
import type { GardenIndex, IndexedNote } from '../core/index/types.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import { type PageUrl, type Slug, HOME_SLUG } from '../core/common/types.ts';
import { lastChanged } from './meta.ts';
import { folderUrl, type GardenTree } from '../core/index/tree.ts';
import { discussionCounts, siteDiscussions } from './discussions.ts';
import { noteArticle } from './note-page.ts';
import { siteData } from './site-data.ts';
import { gardenTree } from './view.ts';

/**
 * What the home page shows a newcomer besides the home note: the garden's sections, what changed
 * recently, the notes everything else points to, and the tags. Each list is short and ranked, so the
 * home page stays one screen or two whatever the size of the garden.
 */

export interface Section {
  title: string;
  url: PageUrl;
  description?: string | undefined;
  /** Notes in the section (a folder), or undefined for a single note at the top. */
  count?: number | undefined;
}

export interface RankedNote {
  title: string;
  url: PageUrl;
  description?: string | undefined;
  /** What the ranking is by: a date for "recently changed" and "what people are discussing"; backlinks shown beside influence. */
  date?: string | undefined;
  backlinks?: number | undefined;
  /** "3 comments · 5 reactions", beside "what people are discussing". */
  activity?: string | undefined;
}

export interface TagSummary {
  name: string;
  url: PageUrl;
  count: number;
}

export interface HomeView {
  stats: { notes: number; links: number; tags: number };
  sections: Section[];
  /** More top-level entries than `sections` shows. */
  moreSections: number;
  recent: RankedNote[];
  /** "Notes the garden relies on": the most influential (PageRank over the links, blended with the community's signal when known). */
  influential: RankedNote[];
  /** "What people are discussing": the notes whose discussions moved most recently. */
  discussed: RankedNote[];
  tags: TagSummary[];
  moreTags: number;
}

export const HOME_LIMITS = { sections: 12, recent: 6, influential: 6, discussed: 6, tags: 16 } as const;

/** What the home page knows of the discussions: each note's, and the influence order that blends links with them. */
export interface HomeDiscussions {
  byNote: ReadonlyMap<Slug, NoteDiscussion>;
  influenceOrder: ReadonlyMap<Slug, number>;
}

export function homeView(index: GardenIndex, tree: GardenTree, urls: SiteUrls, discussions?: HomeDiscussions): HomeView {
  const sections: Section[] = tree.root.entries.map((entry) =>
    entry.kind === 'folder'
      ? {
          title: entry.folder.title,
          url: folderUrl(entry.folder, urls),
          description: entry.folder.page?.frontmatter.description,
          count: entry.folder.count,
        }
      : { title: entry.note.title, url: urls.page(entry.note.slug), description: entry.note.frontmatter.description },
  );
  const published = [...index.bySlug.values()].filter((note) => note.slug !== '');
  const summary = (note: IndexedNote) => ({ title: note.title, url: urls.page(note.slug), description: note.frontmatter.description });

  const recent = topBy(
    published.flatMap((note) => {
      const date = lastChanged(note);
      return date ? [{ note, date }] : [];
    }),
    HOME_LIMITS.recent,
    (a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.note.title.localeCompare(b.note.title)),
  ).map(({ note, date }) => ({ ...summary(note), date }));

  // Influence rather than a count of backlinks: a link from a note many others rely on counts more;
  // blended with what the community does with the notes when the discussions are known.
  const influenceOrder = discussions?.influenceOrder ?? gardenGraph(index).influenceOrder;
  const influential = topBy(
    published.filter((note) => (index.backlinks.get(note.slug)?.length ?? 0) > 0),
    HOME_LIMITS.influential,
    (a, b) => influenceOrder.get(a.slug)! - influenceOrder.get(b.slug)!,
  ).map((note) => ({ ...summary(note), backlinks: index.backlinks.get(note.slug)?.length ?? 0 }));

  const discussed = topBy(
    [...(discussions?.byNote ?? [])].flatMap(([slug, discussion]) => {
      const note = index.bySlug.get(slug);
      return note && discussion.lastCommentAt ? [{ note, discussion, date: discussion.lastCommentAt }] : [];
    }),
    HOME_LIMITS.discussed,
    (a, b) => Date.parse(b.date) - Date.parse(a.date) || a.note.title.localeCompare(b.note.title),
  ).map(({ note, discussion, date }) => ({ ...summary(note), date, activity: discussionCounts(discussion) }));

  const allTags = [...index.tags.values()];
  const tags = topBy(allTags, HOME_LIMITS.tags, (a, b) => b.notes.length - a.notes.length || a.name.localeCompare(b.name))
    .map((tag) => ({ name: tag.name, url: urls.tag(tag.name), count: tag.notes.length }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    stats: { notes: index.bySlug.size, links: index.edges.length, tags: allTags.length },
    sections: sections.slice(0, HOME_LIMITS.sections),
    moreSections: Math.max(0, sections.length - HOME_LIMITS.sections),
    recent,
    influential,
    discussed,
    tags,
    moreTags: Math.max(0, allTags.length - tags.length),
  };
}

/** The first `n` items by `compare`, without sorting the whole list when it is long. */
export function topBy<T>(items: T[], n: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === n && compare(item, top[n - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compare(item, top[at - 1]!) < 0) at--;
    top.splice(at, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}

function homeDiscussions(): HomeDiscussions {
  const { byNote, influence } = siteDiscussions();
  return { byNote, influenceOrder: influence.order };
}

/** The home page: the home note (when the garden has one) and the lists beside it. */
export function homePage() {
  const { garden, urls } = siteData();
  const home = garden.index.bySlug.get(HOME_SLUG);
  return {
    title: home?.title ?? garden.config.title,
    description: home?.frontmatter.description ?? garden.config.description,
    lang: home?.language,
    /** `undefined` without `content/index.md`: the page then shows the garden's title and description. */
    article: home && noteArticle(home),
    garden: { title: garden.config.title, description: garden.config.description },
    view: homeView(garden.index, gardenTree(), urls, homeDiscussions()),
    links: {
      tags: urls.tags(),
      recent: urls.special('recent/'),
      graph: urls.special('graph/'),
      conversations: urls.special('conversations/'),
    },
  };
}
