import type { NoteDiscussion } from '../core/comments/note-discussions.ts';
import type { IndexedNote } from '../core/index/types.ts';
import { gardenDiscussions, type GardenDiscussions } from '../core/publish/garden-discussions.ts';
import { siteData } from './site-data.ts';

/** The garden's notes with their discussions, and the blended influence, for the pages. */
export function siteDiscussions(): GardenDiscussions {
  const { garden, discussions } = siteData();
  return gardenDiscussions(garden, discussions);
}

/** A note's discussion, when the build knows of one. */
export function discussionOf(note: IndexedNote): NoteDiscussion | undefined {
  return siteDiscussions().byNote.get(note.slug);
}

/** "3 comments · 5 reactions": what the count link under a note's title says; `undefined` when nothing was said or done yet. */
export function discussionCounts(discussion: NoteDiscussion | undefined): string | undefined {
  if (!discussion) return undefined;
  const written = discussion.comments + discussion.replies;
  const reacted = discussion.reactionCount + discussion.upvotes;
  const parts = [
    ...(written > 0 ? [plural(written, 'comment', 'comments')] : []),
    ...(reacted > 0 ? [plural(reacted, 'reaction', 'reactions')] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
