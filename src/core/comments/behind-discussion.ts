import type { Slug } from '../common/types.ts';
import type { NoteDiscussion } from './note-discussions.ts';

/** A note whose discussion went on after the note last changed: what was said may call for an update. */
export interface NoteBehindDiscussion {
  slug: Slug;
  lastUpdated: Date;
  /** The newest comment or reply. */
  lastCommentAt: string;
  /** The note's discussion on GitHub. */
  url: string;
}

/**
 * The notes with a comment or reply newer than their last change, the longest-waiting first (the
 * oldest last change). A note whose last change is unknown is left out: nothing can be compared.
 */
export function notesBehindDiscussion(
  byNote: ReadonlyMap<Slug, NoteDiscussion>,
  lastUpdated: (slug: Slug) => Date | undefined,
): NoteBehindDiscussion[] {
  const behind: NoteBehindDiscussion[] = [];
  for (const [slug, discussion] of byNote) {
    const updated = lastUpdated(slug);
    const commented = discussion.lastCommentAt;
    if (!updated || Number.isNaN(updated.getTime()) || commented === undefined) continue;
    if (Date.parse(commented) > updated.getTime())
      behind.push({ slug, lastUpdated: updated, lastCommentAt: commented, url: discussion.url });
  }
  return behind.sort((a, b) => a.lastUpdated.getTime() - b.lastUpdated.getTime() || (a.slug < b.slug ? -1 : 1));
}
