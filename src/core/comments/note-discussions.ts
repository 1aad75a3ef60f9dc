import type { Slug } from '../common/types.ts';
import type { Discussion, DiscussionsSnapshot } from './discussion.ts';
import type { CommentThread } from './threads.ts';

/** A note's discussion as the site shows it: counts, times and its open question, if any. */
export interface NoteDiscussion
  extends Pick<
    Discussion,
    | 'url'
    | 'comments'
    | 'replies'
    | 'reactions'
    | 'upvotes'
    | 'participants'
    | 'lastCommentAt'
    | 'lastActivityAt'
    | 'answerable'
    | 'answered'
  > {
  /** The thread's term, which is the discussion's title. */
  term: string;
  /** All reactions together. */
  reactionCount: number;
  /** What nobody has answered yet: who asked, and when. */
  openQuestion?: OpenQuestion | undefined;
}

export interface OpenQuestion {
  /** The asker's GitHub login. */
  by: string;
  at: string;
}

/**
 * Each note's discussion, found by the term the garden gave its thread (the discussion's title, as
 * giscus's strict `specific` mapping matches it). A discussion whose title is no note's term (a
 * note deleted, or a discussion opened by hand) is left out. When several discussions carry one
 * term, the one giscus shows wins: the oldest.
 */
export function noteDiscussions(
  snapshot: DiscussionsSnapshot | undefined,
  threads: ReadonlyMap<Slug, CommentThread> | undefined,
): Map<Slug, NoteDiscussion> {
  const byNote = new Map<Slug, NoteDiscussion>();
  if (!snapshot || !threads) return byNote;
  const byTerm = new Map<string, Discussion>();
  for (const discussion of snapshot.discussions) {
    const held = byTerm.get(discussion.title);
    if (!held || Date.parse(discussion.createdAt) < Date.parse(held.createdAt)) byTerm.set(discussion.title, discussion);
  }
  for (const [slug, thread] of threads) {
    const discussion = byTerm.get(thread.term);
    if (discussion) byNote.set(slug, noteDiscussion(discussion));
  }
  return byNote;
}

function noteDiscussion(discussion: Discussion): NoteDiscussion {
  const { title, createdAt: _created, firstComment: _first, lastComment: _last, ...counts } = discussion;
  return {
    term: title,
    ...counts,
    reactionCount: Object.values(discussion.reactions).reduce((sum, count) => sum + count, 0),
    openQuestion: openQuestionOf(discussion),
  };
}

/**
 * A discussion asks something nobody has answered when, in a Q&A category, no comment is marked as
 * the answer (asked by whoever wrote first); elsewhere, when its last comment ends with a question
 * and has no reply.
 */
export function openQuestionOf(discussion: Discussion): OpenQuestion | undefined {
  if (discussion.answerable) {
    const first = discussion.firstComment;
    return !discussion.answered && first ? { by: first.author, at: first.at } : undefined;
  }
  const last = discussion.lastComment;
  return last?.endsWithQuestion && last.replies === 0 ? { by: last.author, at: last.at } : undefined;
}
