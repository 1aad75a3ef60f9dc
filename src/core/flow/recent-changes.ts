import type { GardenHistory } from '../history/history.ts';
import type { GardenIndex, IndexedNote } from '../index/types.ts';
import type { ContentPath } from '../common/types.ts';

/**
 * The garden's recent changes, newest first, from its git history: one entry per note and day, so
 * that a morning of small commits to one note reads as one change. Only published notes appear: a
 * draft's title never reaches the page or the feed.
 */
export type RecentChangeKind = 'created' | 'updated' | 'moved';

export interface RecentChange {
  note: IndexedNote;
  kind: RecentChangeKind;
  /** The newest commit's date-time (ISO 8601, the committer's offset). */
  date: string;
  /** `YYYY-MM-DD`, as the committer's calendar said. */
  day: string;
  /** Who made the changes, most recent first. */
  authors: string[];
  commits: number;
  /** The newest commit's hash: with the note, a stable identity for feeds. */
  commit: string;
  /** For a move: where the note was before. */
  from?: ContentPath;
}

export function recentChanges(index: GardenIndex, history: GardenHistory | undefined, limit: number): RecentChange[] {
  if (!history) return [];
  const groups = new Map<string, RecentChange>();
  for (const change of history.changes) {
    const note = index.byPath.get(change.path);
    if (!note?.published) continue;
    const day = change.date.slice(0, 10);
    const key = `${day}\0${change.path}`;
    let group = groups.get(key);
    if (!group) {
      if (groups.size === limit) break;
      group = { note, kind: 'updated', date: change.date, day, authors: [], commits: 0, commit: change.commit };
      groups.set(key, group);
    }
    group.commits++;
    if (!group.authors.includes(change.author)) group.authors.push(change.author);
    // Changes arrive newest first: the oldest of the day decides whether the note was created then.
    if (change.kind === 'added') {
      group.kind = 'created';
      delete group.from;
    } else if (change.kind === 'renamed' && group.kind !== 'created') {
      group.kind = 'moved';
      if (change.from !== undefined) group.from = change.from;
    }
  }
  // Newest first; changes made in the same commit (or at the same second) by title.
  return [...groups.values()].sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.note.title.localeCompare(b.note.title));
}
