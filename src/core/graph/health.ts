import { namesAFile } from '../links/note-or-file.ts';
import type { GardenIndex, IndexedNote } from '../index/types.ts';
import type { Slug } from '../common/types.ts';

export interface WantedNote {
  /** The name as most often written. */
  name: string;
  /** Published notes that link to it, by slug, without repetition. */
  wantedBy: Slug[];
}

export interface StaleNote {
  slug: Slug;
  lastUpdated: Date;
  /** Who keeps the note up to date: frontmatter `owner`. */
  owner?: string | undefined;
  /** Who changed it last (git history), to ask when there is no owner. */
  lastUpdatedBy?: string | undefined;
}

export interface GardenHealth {
  /** Notes no other note links to (the home page aside). */
  orphans: Slug[];
  /** Notes that link to no other note. */
  deadEnds: Slug[];
  /** Links to notes that do not exist, grouped by the name they want, most wanted first. */
  wanted: WantedNote[];
  /** Notes not updated for longer than the threshold, oldest first. */
  stale: StaleNote[];
  /** Published notes whose last update is not known (no git history, no frontmatter date). */
  undated: number;
}

export interface LastUpdate {
  date: Date;
  by?: string | undefined;
}

export interface HealthOptions {
  /** When a note was last updated (git history, else frontmatter), and by whom; undefined when unknown. */
  lastUpdated: (note: IndexedNote) => LastUpdate | undefined;
  staleAfterDays: number;
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a maintainer should tend to: orphans, dead ends, wanted notes and stale notes. */
export function gardenHealth(index: GardenIndex, options: HealthOptions): GardenHealth {
  const linked = new Set<Slug>();
  const linking = new Set<Slug>();
  for (const edge of index.edges) {
    if (edge.source === edge.target) continue;
    linked.add(edge.target);
    linking.add(edge.source);
  }
  const published = [...index.bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const orphans = published.filter((note) => note.slug !== '' && !linked.has(note.slug)).map((note) => note.slug);
  const deadEnds = published.filter((note) => !linking.has(note.slug)).map((note) => note.slug);

  // Missing images and other files are not notes anyone could write: the check reports them.
  const wantedByName = new Map<string, { spellings: Map<string, number>; sources: Set<Slug> }>();
  for (const link of index.unresolved) {
    if (namesAFile(link.target)) continue;
    const key = link.target.trim().normalize('NFC').toLowerCase();
    let entry = wantedByName.get(key);
    if (!entry) wantedByName.set(key, (entry = { spellings: new Map(), sources: new Set() }));
    entry.spellings.set(link.target, (entry.spellings.get(link.target) ?? 0) + 1);
    entry.sources.add(link.source);
  }
  const wanted = [...wantedByName.values()]
    .map((entry) => ({
      name: [...entry.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0],
      wantedBy: [...entry.sources].sort(),
    }))
    .sort((a, b) => b.wantedBy.length - a.wantedBy.length || a.name.localeCompare(b.name));

  const threshold = options.now.getTime() - options.staleAfterDays * DAY_MS;
  let undated = 0;
  const stale: StaleNote[] = [];
  for (const note of published) {
    const update = options.lastUpdated(note);
    if (!update || Number.isNaN(update.date.getTime())) {
      undated++;
      continue;
    }
    if (update.date.getTime() >= threshold) continue;
    stale.push({ slug: note.slug, lastUpdated: update.date, owner: note.frontmatter.owner, lastUpdatedBy: update.by });
  }
  stale.sort((a, b) => a.lastUpdated.getTime() - b.lastUpdated.getTime() || (a.slug < b.slug ? -1 : 1));

  return { orphans, deadEnds, wanted, stale, undated };
}
