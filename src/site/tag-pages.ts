import { type PageUrl, HOME_SLUG } from '../core/common/types.ts';
import type { TagEntry } from '../core/index/types.ts';
import type { Crumb } from './navigation.ts';
import { pageKey } from './page-keys.ts';
import { siteData } from './site-data.ts';
import { byTitle, summarize, type NoteSummary } from './view.ts';

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

/** One page per tag, with its key (page-keys.ts). */
export function tagPaths(): { params: { tag: string }; props: { tag: TagEntry }; cacheKey?: string }[] {
  return [...siteData().garden.index.tags.values()].map((tag) => {
    const page = tagPage(tag);
    const cacheKey = pageKey(page, { title: `#${page.name}`, current: undefined });
    return { params: { tag: tag.slug }, props: { tag }, ...(cacheKey ? { cacheKey } : {}) };
  });
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
    .sort(byTitle);
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
  const children = tagChildren(garden.index.tags).get(tag.slug) ?? [];
  return { name: tag.name, crumbs, notes, children: children.map(tagLink) };
}

const childrenByTags = new WeakMap<Map<string, TagEntry>, Map<string, TagEntry[]>>();

/** The tags one level below each tag (`team/platform` under `team`), in the index's order: found once per garden, not once per tag page. */
function tagChildren(tags: Map<string, TagEntry>): Map<string, TagEntry[]> {
  let children = childrenByTags.get(tags);
  if (!children) {
    children = new Map();
    for (const tag of tags.values()) {
      const parent = tag.slug.slice(0, Math.max(0, tag.slug.lastIndexOf('/')));
      if (!parent) continue;
      const siblings = children.get(parent);
      if (siblings) siblings.push(tag);
      else children.set(parent, [tag]);
    }
    childrenByTags.set(tags, children);
  }
  return children;
}
