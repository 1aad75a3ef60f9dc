import { notesBehindDiscussion } from '../core/comments/behind-discussion.ts';
import type { NoteDiscussion } from '../core/comments/note-discussions.ts';
import { gardenHealth, type LastUpdate } from '../core/graph/health.ts';
import type { GardenHistory } from '../core/history/history.ts';
import { noteTimeline } from '../core/history/note.ts';
import type { GardenIndex, IndexedNote } from '../core/index/types.ts';
import type { PageUrl, Slug } from '../core/common/types.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import { siteDiscussions } from './discussions.ts';
import { siteData } from './site-data.ts';

/**
 * The garden health page's content, for maintainers: what to link, what to write, what to review.
 * Each list is cut at `HEALTH_LIST_LIMIT` with a count of the rest, so that the page stays a page in
 * a garden of 50,000 notes.
 */
export const HEALTH_LIST_LIMIT = 200;

export interface NoteRef {
  title: string;
  url: PageUrl;
}

export interface HealthView {
  notes: number;
  staleAfterDays: number;
  orphans: { shown: NoteRef[]; total: number };
  deadEnds: { shown: NoteRef[]; total: number };
  wanted: { shown: { name: string; url: PageUrl; count: number; from: NoteRef[] }[]; total: number };
  stale: { shown: (NoteRef & { updated: string; owner?: string | undefined; lastUpdatedBy?: string | undefined })[]; total: number };
  undated: number;
  /**
   * Notes whose discussion has comments newer than the note's last change (it may need an update),
   * with their owners; `undefined` when the build knows no discussions (comments off, or not read).
   */
  behindDiscussion?: {
    shown: (NoteRef & { updated: string; commented: string; discussion: string; owner?: string | undefined })[];
    total: number;
  };
}

/** When a note last changed (git, or the frontmatter if later) and who made the git change. */
export function lastUpdateOf(note: IndexedNote, history: GardenHistory | undefined): LastUpdate | undefined {
  const { created, updated } = noteTimeline(note, history);
  const when = updated ?? created;
  if (when === undefined) return undefined;
  const file = history?.files.get(note.path);
  return {
    date: new Date(when.length === 10 ? `${when}T00:00:00Z` : when),
    by: file && file.updated === when ? file.updatedBy : undefined,
  };
}

export function healthView(
  index: GardenIndex,
  history: GardenHistory | undefined,
  urls: SiteUrls,
  staleAfterDays: number,
  now: Date,
  /** The notes' discussions, when the build read them. */
  discussions?: ReadonlyMap<Slug, NoteDiscussion>,
): HealthView {
  const health = gardenHealth(index, { lastUpdated: (note) => lastUpdateOf(note, history), staleAfterDays, now });
  const ref = (slug: Slug): NoteRef => ({ title: index.bySlug.get(slug)?.title ?? slug, url: urls.page(slug) });
  const cut = <T, U>(items: T[], map: (item: T) => U) => ({ shown: items.slice(0, HEALTH_LIST_LIMIT).map(map), total: items.length });
  const byTitle = (slugs: Slug[]) => slugs.map(ref).sort((a, b) => a.title.localeCompare(b.title));
  return {
    notes: index.bySlug.size,
    staleAfterDays,
    orphans: cut(byTitle(health.orphans), (note) => note),
    deadEnds: cut(byTitle(health.deadEnds), (note) => note),
    wanted: cut(health.wanted, (wanted) => ({
      name: wanted.name,
      url: urls.wanted(wanted.name),
      count: wanted.wantedBy.length,
      from: wanted.wantedBy.slice(0, 5).map(ref),
    })),
    stale: cut(health.stale, (stale) => ({
      ...ref(stale.slug),
      updated: stale.lastUpdated.toISOString().slice(0, 10),
      owner: stale.owner,
      lastUpdatedBy: stale.lastUpdatedBy,
    })),
    undated: health.undated,
    behindDiscussion:
      discussions &&
      cut(
        notesBehindDiscussion(discussions, (slug) => {
          const note = index.bySlug.get(slug);
          return note && lastUpdateOf(note, history)?.date;
        }),
        (behind) => ({
          ...ref(behind.slug),
          updated: behind.lastUpdated.toISOString().slice(0, 10),
          commented: behind.lastCommentAt,
          discussion: behind.url,
          owner: index.bySlug.get(behind.slug)?.frontmatter.owner,
        }),
      ),
  };
}

/** The garden health page, as of `now`. */
export function healthPage(now: Date): HealthView {
  const { garden, urls, discussions } = siteData();
  const known = discussions.snapshot ? siteDiscussions().byNote : undefined;
  return healthView(garden.index, garden.history, urls, garden.config.health.staleAfterDays, now, known);
}
