import type { Contributor } from '../core/history/history.ts';
import { noteTimeline } from '../core/history/note.ts';
import type { IndexedNote } from '../core/index/types.ts';
import { siteData } from './site-data.ts';

const dayFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * `2026-11-26` or `2026-11-26T09:30:00+01:00` → `Nov 26, 2026`: the calendar day as written (the
 * author's own day), not shifted into the build machine's time zone.
 */
export function formatDay(isoDate: string): string {
  const day = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(day) ? isoDate : dayFormat.format(day);
}

const SHOWN_CONTRIBUTORS = 5;

/** The first few contributors by name, and how many are not named. */
export function shownContributors(contributors: readonly Contributor[]): { names: string[]; more: number } {
  const names = contributors.slice(0, SHOWN_CONTRIBUTORS).map((contributor) => contributor.name);
  return { names, more: contributors.length - names.length };
}

/** A date as a page shows it: readable, with the machine-readable value for `<time datetime>`. */
export interface DayView {
  iso: string;
  day: string;
}

/** When a note was created and last changed, and by whom, as far as the garden knows. */
export interface NoteHistoryView {
  /** Only when it differs from the day the note was created. */
  updated?: DayView | undefined;
  created?: DayView | undefined;
  contributors: { label: 'Contributor' | 'Contributors'; names: string[]; more: number };
}

export function noteHistoryOf(note: IndexedNote): NoteHistoryView {
  const timeline = noteTimeline(note, siteData().garden.history);
  const day = (iso: string | undefined): DayView | undefined => (iso ? { iso, day: formatDay(iso) } : undefined);
  // A note changed only on the day it was created shows that day once.
  const updated =
    timeline.updated && (!timeline.created || formatDay(timeline.updated) !== formatDay(timeline.created)) ? timeline.updated : undefined;
  return {
    updated: day(updated),
    created: day(timeline.created),
    contributors: {
      label: timeline.contributors.length === 1 ? 'Contributor' : 'Contributors',
      ...shownContributors(timeline.contributors),
    },
  };
}
