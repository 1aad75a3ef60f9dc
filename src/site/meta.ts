import { noteTimeline } from '../core/history/note.ts';
import type { IndexedNote } from '../core/index/types.ts';
import { siteData } from './site-data.ts';

/**
 * A note's metadata as the page shows it at a glance. Dates and contributors come from the git
 * history, with the frontmatter's `created`/`updated` taking part as `noteTimeline` says; every
 * page, the home page's "recently changed" included, reads them through `datesOf`.
 */

/** Words a reader reads per minute, for the reading-time estimate. */
const WORDS_PER_MINUTE = 220;

export interface NoteDates {
  /** `YYYY-MM-DD…` as written or recorded. */
  created?: string | undefined;
  updated?: string | undefined;
}

export interface NoteMetaView extends NoteDates {
  owner?: string | undefined;
  /** People who changed the note, most active first (from git history, when available). */
  contributors: string[];
  words: number;
  readingMinutes: number;
}

export function datesOf(note: IndexedNote): NoteDates {
  const { created, updated } = noteTimeline(note, siteData().garden.history);
  return { created, updated };
}

/** When the note last changed as far as the garden knows: `updated`, else `created`. */
export function lastChanged(note: IndexedNote): string | undefined {
  const { created, updated } = datesOf(note);
  return updated ?? created;
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export function noteMeta(note: IndexedNote): NoteMetaView {
  return {
    ...datesOf(note),
    owner: note.frontmatter.owner,
    contributors: noteTimeline(note, siteData().garden.history).contributors.map((contributor) => contributor.name),
    words: note.facts.words,
    readingMinutes: readingMinutes(note.facts.words),
  };
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** `2024-05-31` → `May 31, 2024`; the machine-readable value goes in `<time datetime>`. */
export function formatDate(value: string): string {
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? value : dateFormat.format(time);
}
