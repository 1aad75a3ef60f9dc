import type { IndexedNote } from '../index/types.ts';
import type { Slug } from '../common/types.ts';

/**
 * A garden's areas, for colouring and filtering the graph: the top-level folders. A folder holding
 * more than half of the garden says little as one colour (the Sourcegraph handbook keeps 747 of its
 * 883 notes under `departments/`), so it is divided into its sub-folders (`departments/engineering`,
 * `departments/sales`, …), again if one of those still holds more than half, up to three levels.
 */
export interface Area {
  /** The folder's path relative to the content folder (`departments/engineering`); `''` for notes at the top. */
  folder: string;
  /** Published notes in the area. */
  notes: number;
}

export interface GardenAreas {
  /** Largest first (then by folder), so that the first few get the distinct colours. */
  areas: Area[];
  /** Index into `areas` of each published note's area. */
  areaOf: Map<Slug, number>;
}

const MAX_DEPTH = 3;

export function gardenAreas(notes: Iterable<IndexedNote>): GardenAreas {
  const published = [...notes];
  const folderAt = (note: IndexedNote, depth: number): string => {
    const parts = note.path.split('/').slice(0, -1);
    return parts.slice(0, Math.min(depth, parts.length)).join('/');
  };
  // Each note's depth: 1 (top-level folder) unless its area was divided.
  const depthOf = new Map<IndexedNote, number>(published.map((note) => [note, 1]));
  for (let round = 1; round < MAX_DEPTH; round++) {
    const counts = countBy(published, (note) => folderAt(note, depthOf.get(note)!));
    const [largest, size] = [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0] ?? ['', 0];
    if (largest === '' || size * 2 <= published.length) break;
    const members = published.filter((note) => folderAt(note, depthOf.get(note)!) === largest);
    const deeper = (note: IndexedNote) => folderAt(note, depthOf.get(note)! + 1);
    if (!members.some((note) => deeper(note) !== largest)) break; // no sub-folders to divide it into
    for (const note of members) depthOf.set(note, depthOf.get(note)! + 1);
  }
  const counts = countBy(published, (note) => folderAt(note, depthOf.get(note)!));
  const areas = [...counts]
    .map(([folder, count]) => ({ folder, notes: count }))
    .sort((a, b) => b.notes - a.notes || compare(a.folder, b.folder));
  const index = new Map(areas.map((area, i) => [area.folder, i]));
  return { areas, areaOf: new Map(published.map((note) => [note.slug, index.get(folderAt(note, depthOf.get(note)!))!])) };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
