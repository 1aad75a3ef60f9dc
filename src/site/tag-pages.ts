import { type PageUrl, HOME_SLUG } from '../core/common/types.ts';
import type { TagEntry } from '../core/index/types.ts';
import type { Crumb } from './navigation.ts';
import { siteData } from './site-data.ts';
import { summarize, type NoteSummary } from './view.ts';

/** The list of every tag, and one page per tag with its notes and the tags below it. */

export interface TagLink {
  name: string;
  url: PageUrl;
  count: number;
}

/** The way back from a tag's pages: the home page, then the list of tags. */
function homeCrumb(): Crumb {
  const { garden, urls } = siteData();
  return { title: garden.index.bySlug.get(HOME_SLUG)?.title ?? garden.config.title, url: urls.page(HOME_SLUG) };
}

function tagLink(tag: TagEntry): TagLink {
  return { name: tag.name, url: siteData().urls.tag(tag.name), count: tag.notes.length };
}

export function tagIndexPage(): { siteTitle: string; crumbs: Crumb[]; tags: TagLink[] } {
  const { garden } = siteData();
  return { siteTitle: garden.config.title, crumbs: [homeCrumb()], tags: [...garden.index.tags.values()].map(tagLink) };
}

export function tagPaths(): { params: { tag: string }; props: { tag: TagEntry } }[] {
  return [...siteData().garden.index.tags.values()].map((tag) => ({ params: { tag: tag.slug }, props: { tag } }));
}

export interface TagPageView {
  name: string;
  crumbs: Crumb[];
  /** The notes with this tag or one below it, by title. */
  notes: NoteSummary[];
  /** The tags one level below it (`#team/platform` under `#team`). */
  children: TagLink[];
}

export function tagPage(tag: TagEntry): TagPageView {
  const { garden, urls } = siteData();
  const notes = tag.notes
    .map((slug) => garden.index.bySlug.get(slug))
    .filter((note) => note !== undefined)
    .map(summarize)
    .sort((a, b) => a.title.localeCompare(b.title));
  // `#team/platform` sits under `#team`: the trail goes through every parent tag.
  const parts = tag.name.split('/');
  const crumbs = [
    homeCrumb(),
    { title: 'Tags', url: urls.tags() },
    ...parts.slice(0, -1).map((_, at) => {
      const name = parts.slice(0, at + 1).join('/');
      return { title: `#${name}`, url: urls.tag(name) };
    }),
  ];
  const children = [...garden.index.tags.values()].filter(
    (other) => other.slug.startsWith(`${tag.slug}/`) && !other.slug.slice(tag.slug.length + 1).includes('/'),
  );
  return { name: tag.name, crumbs, notes, children: children.map(tagLink) };
}
