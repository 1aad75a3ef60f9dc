import { atomFeed } from '../core/flow/feed.ts';
import { recentChanges, type RecentChange } from '../core/flow/recent-changes.ts';
import type { PageUrl } from '../core/common/types.ts';
import { formatDay } from './history-view.ts';
import { SITEMAP_LIMIT, sitemapIndexXml, sitemapXml, type SitemapEntry } from '../core/flow/sitemap.ts';
import { lastChanged } from './meta.ts';
import { folderUrl } from '../core/index/tree.ts';
import { siteData } from './site-data.ts';
import { foldersWithoutPage } from './view.ts';

/** Entries in the feed: what a reader catches up on. */
export const FEED_ENTRIES = 50;

/** An address of the site made absolute with Astro's `site` (relative when `site` is not set). */
export function absolute(path: string, site: URL | undefined): string {
  return site ? new URL(path, site).href : path;
}

export function feedXml(site: URL | undefined): string {
  const { garden, urls } = siteData();
  const changes = recentChanges(garden.index, garden.history, FEED_ENTRIES);
  const dates = [...garden.index.bySlug.values()].flatMap((note) => lastChanged(note) ?? []).sort();
  return atomFeed(changes, {
    title: garden.config.title,
    description: garden.config.description,
    feedUrl: absolute(urls.special('feed.xml'), site),
    pageUrl: absolute(urls.special('recent/'), site),
    noteUrl: (change) => absolute(urls.page(change.note.slug), site),
    // Dated by the content, never by the build: the same garden gives the same feed.
    fallbackUpdated:
      dates.length > 0
        ? new Date(dates.at(-1)!.length === 10 ? `${dates.at(-1)}T00:00:00Z` : dates.at(-1)!).toISOString()
        : '1970-01-01T00:00:00Z',
  });
}

/** Every page worth finding from a search engine: the notes and the folder pages, not redirects. */
export function sitemapEntries(site: URL | undefined): SitemapEntry[] {
  const { garden, urls } = siteData();
  const notes = [...garden.index.bySlug.values()]
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map((note) => ({ url: absolute(urls.page(note.slug), site), lastModified: lastChanged(note) }));
  // As the pages are built: a note whose address is also a folder's is that page.
  const folders = foldersWithoutPage()
    .filter((folder) => !garden.index.bySlug.has(folder.slug))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .map((folder) => ({ url: absolute(folderUrl(folder, urls), site) }));
  return [...notes, ...folders];
}

/** How many numbered sitemap files the garden needs besides `sitemap.xml` (none below the limit). */
export function sitemapPartCount(): number {
  const { garden } = siteData();
  const pages = garden.index.bySlug.size + foldersWithoutPage().filter((folder) => !garden.index.bySlug.has(folder.slug)).length;
  return pages <= SITEMAP_LIMIT ? 0 : Math.ceil(pages / SITEMAP_LIMIT);
}

/** `sitemap.xml`, and when the garden has more pages than one sitemap may list, its numbered parts. */
export function sitemapFiles(site: URL | undefined): { index: string; parts: string[] } {
  const { urls } = siteData();
  const entries = sitemapEntries(site);
  if (entries.length <= SITEMAP_LIMIT) return { index: sitemapXml(entries), parts: [] };
  const parts: string[] = [];
  for (let at = 0; at < entries.length; at += SITEMAP_LIMIT) parts.push(sitemapXml(entries.slice(at, at + SITEMAP_LIMIT)));
  return { index: sitemapIndexXml(parts.map((_part, i) => absolute(urls.special(`sitemap-${i + 1}.xml`), site))), parts };
}

/** Changes shown on the recent changes page (the feed has its own number: FEED_ENTRIES). */
export const RECENT_CHANGES_SHOWN = 100;

export interface ChangeView {
  title: string;
  url: PageUrl;
  kind: RecentChange['kind'];
  /** `new`, `updated` or `moved`. */
  label: string;
  /** Where a moved note was before. */
  from?: string | undefined;
  /** Who made the change: `Ann`, `Ann and Bo`, `Ann, Bo and Cy`. */
  authors: string;
  commits: number;
}

export interface RecentChangesView {
  siteTitle: string;
  feed: PageUrl;
  /** Whether the garden is read from a git repository (else it has no changes to show). */
  hasHistory: boolean;
  /** Newest day first. */
  days: { day: string; label: string; changes: ChangeView[] }[];
  /** How many changes are shown: at most RECENT_CHANGES_SHOWN. */
  shown: number;
}

const KIND_LABELS = { created: 'new', updated: 'updated', moved: 'moved' } as const;

/** What changed in the garden lately, newest first, grouped by day. */
export function recentChangesPage(): RecentChangesView {
  const { garden, urls } = siteData();
  const changes = recentChanges(garden.index, garden.history, RECENT_CHANGES_SHOWN);
  const days = new Map<string, ChangeView[]>();
  const names = (authors: string[]) =>
    authors.length <= 2 ? authors.join(' and ') : `${authors.slice(0, -1).join(', ')} and ${authors.at(-1)}`;
  for (const change of changes) {
    const view: ChangeView = {
      title: change.note.title,
      url: urls.page(change.note.slug),
      kind: change.kind,
      label: KIND_LABELS[change.kind],
      from: change.from,
      authors: names(change.authors),
      commits: change.commits,
    };
    days.set(change.day, [...(days.get(change.day) ?? []), view]);
  }
  return {
    siteTitle: garden.config.title,
    feed: urls.special('feed.xml'),
    hasHistory: garden.history !== undefined,
    days: [...days].map(([day, entries]) => ({ day, label: formatDay(day), changes: entries })),
    shown: changes.length,
  };
}
