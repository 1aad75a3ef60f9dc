import type { Slug } from '../common/types.ts';
import type { CommentsConfig } from '../config/comments.ts';
import type { NoteDiscussion } from './note-discussions.ts';
import type { DiscussionsRead } from './read-discussions.ts';

/** The file's name in the site, next to `graph.json`. */
export const DISCUSSIONS_JSON = 'discussions.json';

/**
 * `discussions.json`: a stable contract other tools read (documented in docs/comments.md). Per note
 * slug, its discussion's counts, last activity and open question; no text anybody wrote.
 */
export interface DiscussionsJson {
  version: 1;
  /** When the API answered; `null` when nothing is known (no token and nothing cached). */
  readAt: string | null;
  /** `api`: read during this build; `cache`: the last answer the build could get; `none`. */
  source: DiscussionsRead['source'];
  repository: string;
  category: string;
  notes: Record<string, DiscussionsJsonNote>;
}

export interface DiscussionsJsonNote {
  term: string;
  url: string;
  comments: number;
  replies: number;
  reactions: Record<string, number>;
  upvotes: number;
  participants: number;
  lastActivity: string;
  lastComment: string | null;
  answered: boolean | null;
  openQuestion: { by: string; at: string } | null;
}

export function discussionsJson(
  read: DiscussionsRead,
  byNote: ReadonlyMap<Slug, NoteDiscussion>,
  comments: CommentsConfig,
): DiscussionsJson {
  const notes: Record<string, DiscussionsJsonNote> = {};
  for (const slug of [...byNote.keys()].sort()) {
    const discussion = byNote.get(slug)!;
    notes[slug] = {
      term: discussion.term,
      url: discussion.url,
      comments: discussion.comments,
      replies: discussion.replies,
      reactions: discussion.reactions,
      upvotes: discussion.upvotes,
      participants: discussion.participants,
      lastActivity: discussion.lastActivityAt,
      lastComment: discussion.lastCommentAt ?? null,
      answered: discussion.answerable ? discussion.answered : null,
      openQuestion: discussion.openQuestion ?? null,
    };
  }
  return {
    version: 1,
    readAt: read.snapshot?.readAt ?? null,
    source: read.source,
    repository: comments.repo,
    category: comments.category,
    notes,
  };
}
