import type { CommentsConfig } from '../config/comments.ts';
import type { Frontmatter } from '../scan/schema.ts';
import type { ContentPath, Slug } from '../common/types.ts';

/**
 * Which discussion thread each note shows. giscus finds a thread by a term (mapping `specific`,
 * strict matching); the term is the note's stable frontmatter `id`, so that renaming, moving or
 * retitling the note keeps its thread. A note without an id falls back to its address, which
 * survives edits but not a rename; the build lists those notes so that they can be given an id.
 */

/** What the mapping needs to know about a note. */
export interface ThreadSubject {
  path: ContentPath;
  slug: Slug;
  frontmatter: Pick<Frontmatter, 'id' | 'comments'>;
}

export interface CommentThread {
  /** The giscus term: the discussion whose title is this term (strictly) is the note's thread. */
  term: string;
  /** `id` when the term is the note's stable id; `address` when it falls back to the note's address. */
  keyedBy: 'id' | 'address';
}

export interface CommentThreadPlan {
  /** The thread of every published note that has comments, by slug. */
  threads: Map<Slug, CommentThread>;
  /** Notes whose thread hangs on their address because they have no `id`. */
  withoutId: ContentPath[];
  /** Notes whose `id` another note already uses: they fall back to their address until they get their own. */
  duplicateId: { path: ContentPath; id: string; holder: ContentPath }[];
  /** Notes with `comments: false`. */
  optedOut: ContentPath[];
}

/**
 * The fallback term: the note's address within the site, `/guides/how-to/` (`/` for the home page).
 * It never depends on the deployment's base path, and it can never equal an id, because ids start
 * with a letter or digit.
 */
export function addressTerm(slug: Slug): string {
  return slug === '' ? '/' : `/${slug}/`;
}

/**
 * Assigns a thread to each note. An id that several notes claim belongs to the note in `owners`
 * (the one that had it first, src/core/index/ids.ts), else to the first in the given order; the other
 * notes (usually a copied file) get their address instead, so that they never show its thread.
 */
export function planCommentThreads(
  notes: Iterable<ThreadSubject>,
  owners: ReadonlyMap<string, ContentPath> = new Map(),
): CommentThreadPlan {
  const plan: CommentThreadPlan = { threads: new Map(), withoutId: [], duplicateId: [], optedOut: [] };
  const holders = new Map<string, ContentPath>(owners);
  for (const note of notes) {
    if (note.frontmatter.comments === false) {
      plan.optedOut.push(note.path);
      continue;
    }
    const id = note.frontmatter.id;
    const holder = id === undefined ? undefined : holders.get(id);
    if (id !== undefined && (holder === undefined || holder === note.path)) {
      holders.set(id, note.path);
      plan.threads.set(note.slug, { term: id, keyedBy: 'id' });
      continue;
    }
    if (id === undefined) plan.withoutId.push(note.path);
    else plan.duplicateId.push({ path: note.path, id, holder: holder! });
    plan.threads.set(note.slug, { term: addressTerm(note.slug), keyedBy: 'address' });
  }
  return plan;
}

/** What the plan needs of a loaded garden (a `Garden` is one): its published notes and the owners of ids claimed twice. */
export interface ThreadSource {
  readonly config: { readonly comments: CommentsConfig | undefined };
  readonly index: { readonly bySlug: ReadonlyMap<Slug, ThreadSubject> };
  readonly idOwners: ReadonlyMap<string, ContentPath>;
}

const plans = new WeakMap<ThreadSource, CommentThreadPlan>();

/** The plan for a loaded garden's published notes, computed once; `undefined` when comments are off. */
export function commentThreadPlan(garden: ThreadSource): CommentThreadPlan | undefined {
  if (!garden.config.comments) return undefined;
  let plan = plans.get(garden);
  if (!plan) {
    plan = planCommentThreads(garden.index.bySlug.values(), garden.idOwners);
    plans.set(garden, plan);
  }
  return plan;
}
