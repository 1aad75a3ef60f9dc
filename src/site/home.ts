import { gardenGraph } from '../core/graph/garden-graph.ts';
import type { GardenIndex, IndexedNote } from '../core/index/types.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import { type PageUrl, HOME_SLUG } from '../core/common/types.ts';
import { lastChanged } from './meta.ts';
import { folderUrl, type GardenTree } from '../core/index/tree.ts';
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
  /** What the ranking is by: a date for "recently changed"; backlinks shown beside influence. */
  date?: string | undefined;
  backlinks?: number | undefined;
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
  /** "Notes the garden relies on": the most influential (PageRank over the links). */
  influential: RankedNote[];
  tags: TagSummary[];
  moreTags: number;
}

export const HOME_LIMITS = { sections: 12, recent: 6, influential: 6, tags: 16 } as const;

export function homeView(index: GardenIndex, tree: GardenTree, urls: SiteUrls): HomeView {
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

  // Influence rather than a count of backlinks: a link from a note many others rely on counts more.
  const { influenceOrder } = gardenGraph(index);
  const influential = topBy(
    published.filter((note) => (index.backlinks.get(note.slug)?.length ?? 0) > 0),
    HOME_LIMITS.influential,
    (a, b) => influenceOrder.get(a.slug)! - influenceOrder.get(b.slug)!,
  ).map((note) => ({ ...summary(note), backlinks: index.backlinks.get(note.slug)?.length ?? 0 }));

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
    view: homeView(garden.index, gardenTree(), urls),
    links: { tags: urls.tags(), recent: urls.special('recent/'), graph: urls.special('graph/') },
  };
}
