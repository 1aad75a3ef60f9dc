import type { Contributor } from '../core/history/history.ts';

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
