import type { GardenIndex, IndexedNote } from '../index/types.ts';
import { type ContentPath, type Slug, asContentPath } from '../common/types.ts';

/**
 * The knowledge diff: what a change does to the garden, computed from the two indexes (before and
 * after), never from a text diff. Notes are matched across the change by path, then by stable id,
 * then by git's rename detection, then by identical content, so that a renamed note is one note.
 */

export interface NoteRef {
  path: ContentPath;
  title: string;
  slug: Slug;
  published: boolean;
}

export interface LinkChange {
  source: NoteRef;
  target: NoteRef;
  kind: 'link' | 'embed';
}

export interface KnowledgeDiff {
  added: NoteRef[];
  removed: NoteRef[];
  renamed: { from: NoteRef; to: NoteRef; contentChanged: boolean }[];
  /** Same path (or renamed), different content. */
  changed: { note: NoteRef; titleBefore?: string }[];
  linksAdded: LinkChange[];
  linksRemoved: LinkChange[];
  /** Notes linked from notes that did not link to them before, with those notes. */
  gainedBacklinks: { note: NoteRef; from: NoteRef[] }[];
  /** Links to notes or files that do not exist, that were not there before. */
  newUnresolved: { source: NoteRef; target: string; line: number }[];
  /** Published notes that nothing links to now: `wasLinked` when something did before, else a new note. */
  newOrphans: { note: NoteRef; wasLinked: boolean }[];
  /** Notes whose stable id changed: comment threads and redirects hang on it. */
  idsChanged: { note: NoteRef; before?: string; after?: string }[];
}

export interface CompareOptions {
  /** Renames git detected between the two versions: old content path → new content path. */
  gitRenames?: ReadonlyMap<string, string>;
}

const ref = (note: IndexedNote): NoteRef => ({ path: note.path, title: note.title, slug: note.slug, published: note.published });

export function compareIndexes(before: GardenIndex, after: GardenIndex, options: CompareOptions = {}): KnowledgeDiff {
  const match = matchNotes(before, after, options.gitRenames ?? new Map());
  const diff: KnowledgeDiff = {
    added: [],
    removed: [],
    renamed: [],
    changed: [],
    linksAdded: [],
    linksRemoved: [],
    gainedBacklinks: [],
    newUnresolved: [],
    newOrphans: [],
    idsChanged: [],
  };

  for (const note of after.notes) {
    const old = match.beforeOf.get(note.path);
    if (!old) {
      diff.added.push(ref(note));
      continue;
    }
    const contentChanged = old.hash !== note.hash;
    if (old.path !== note.path) diff.renamed.push({ from: ref(old), to: ref(note), contentChanged });
    if (contentChanged) diff.changed.push({ note: ref(note), ...(old.title !== note.title ? { titleBefore: old.title } : {}) });
    if (old.frontmatter.id !== note.frontmatter.id) {
      diff.idsChanged.push({
        note: ref(note),
        ...(old.frontmatter.id === undefined ? {} : { before: old.frontmatter.id }),
        ...(note.frontmatter.id === undefined ? {} : { after: note.frontmatter.id }),
      });
    }
  }
  for (const note of before.notes) if (!match.matchedBefore.has(note.path)) diff.removed.push(ref(note));

  // Links, as edges between notes named by their path after the change (or `-path` if removed).
  const identity = (note: IndexedNote) => match.afterOf.get(note.path)?.path ?? `-${note.path}`;
  const edgesBefore = edgeMap(before, identity);
  const edgesAfter = edgeMap(after, (note) => note.path);
  for (const [key, edge] of edgesAfter) if (!edgesBefore.has(key)) diff.linksAdded.push(edge.change);
  for (const [key, edge] of edgesBefore) if (!edgesAfter.has(key)) diff.linksRemoved.push(edge.change);

  // A link that only changed kind (link ↔ embed) is not a new backlink.
  const linkedBefore = new Set([...edgesBefore.values()].map((edge) => edge.pair));
  const gained = new Map<string, { note: NoteRef; from: NoteRef[] }>();
  for (const [key, edge] of edgesAfter) {
    if (edgesBefore.has(key) || linkedBefore.has(edge.pair)) continue;
    const { source, target } = edge.change;
    let entry = gained.get(target.path);
    if (!entry) gained.set(target.path, (entry = { note: target, from: [] }));
    if (!entry.from.some((known) => known.path === source.path)) entry.from.push(source);
  }
  diff.gainedBacklinks = [...gained.values()];

  const unresolvedBefore = new Set(
    before.unresolved.map((link) => `${identity(before.bySlug.get(link.source)!)}\0${link.target.toLowerCase()}`),
  );
  for (const link of after.unresolved) {
    const source = after.bySlug.get(link.source)!;
    if (!unresolvedBefore.has(`${source.path}\0${link.target.toLowerCase()}`)) {
      diff.newUnresolved.push({ source: ref(source), target: link.target, line: link.line });
    }
  }

  const hadBacklinks = (index: GardenIndex, note: IndexedNote) => (index.backlinks.get(note.slug)?.length ?? 0) > 0;
  for (const note of after.bySlug.values()) {
    if (note.slug === '' || hadBacklinks(after, note)) continue;
    const old = match.beforeOf.get(note.path);
    if (!old?.published) diff.newOrphans.push({ note: ref(note), wasLinked: false });
    else if (hadBacklinks(before, old)) diff.newOrphans.push({ note: ref(note), wasLinked: true });
  }
  return diff;
}

interface NoteMatch {
  /** Note after the change → the same note before it. */
  beforeOf: Map<ContentPath, IndexedNote>;
  /** Note before the change → the same note after it. */
  afterOf: Map<ContentPath, IndexedNote>;
  matchedBefore: Set<ContentPath>;
}

function matchNotes(before: GardenIndex, after: GardenIndex, gitRenames: ReadonlyMap<string, string>): NoteMatch {
  const beforeOf = new Map<ContentPath, IndexedNote>();
  const afterOf = new Map<ContentPath, IndexedNote>();
  const pair = (old: IndexedNote, note: IndexedNote) => {
    beforeOf.set(note.path, old);
    afterOf.set(old.path, note);
  };
  for (const note of after.notes) {
    const old = before.byPath.get(note.path);
    if (old) pair(old, note);
  }
  const unmatchedBefore = () => before.notes.filter((note) => !afterOf.has(note.path));
  const unmatchedAfter = () => after.notes.filter((note) => !beforeOf.has(note.path));

  // The stable id is the strongest evidence of a rename, then git's own rename detection,
  // then identical bytes.
  const keys: ((note: IndexedNote) => string | undefined)[] = [
    (note) => (note.frontmatter.id === undefined ? undefined : `id:${note.frontmatter.id}`),
    (note) => `hash:${note.hash}`,
  ];
  matchBy(unmatchedBefore(), unmatchedAfter(), keys[0]!, pair);
  for (const old of unmatchedBefore()) {
    const renamedTo = gitRenames.get(old.path);
    const note = renamedTo === undefined ? undefined : after.byPath.get(asContentPath(renamedTo));
    if (note && !beforeOf.has(note.path)) pair(old, note);
  }
  matchBy(unmatchedBefore(), unmatchedAfter(), keys[1]!, pair);
  return { beforeOf, afterOf, matchedBefore: new Set(afterOf.keys()) };
}

function matchBy(
  before: IndexedNote[],
  after: IndexedNote[],
  key: (note: IndexedNote) => string | undefined,
  pair: (old: IndexedNote, note: IndexedNote) => void,
): void {
  const byKey = new Map<string, IndexedNote>();
  for (const old of before) {
    const value = key(old);
    if (value !== undefined && !byKey.has(value)) byKey.set(value, old);
  }
  for (const note of after) {
    const value = key(note);
    const old = value === undefined ? undefined : byKey.get(value);
    if (old) {
      pair(old, note);
      byKey.delete(value!);
    }
  }
}

/** The published graph's edges between two different notes, keyed by the notes' identities. */
function edgeMap(index: GardenIndex, identity: (note: IndexedNote) => string): Map<string, { change: LinkChange; pair: string }> {
  const edges = new Map<string, { change: LinkChange; pair: string }>();
  for (const edge of index.edges) {
    const source = index.bySlug.get(edge.source);
    const target = index.bySlug.get(edge.target);
    if (!source || !target || source === target) continue;
    const pair = `${identity(source)}\0${identity(target)}`;
    edges.set(`${pair}\0${edge.kind}`, { change: { source: ref(source), target: ref(target), kind: edge.kind }, pair });
  }
  return edges;
}
