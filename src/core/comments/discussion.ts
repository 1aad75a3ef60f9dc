/**
 * What the build reads about one GitHub Discussion of the threads' category: counts, logins and
 * times, never what anybody wrote. The last comment's text is looked at once, while the answer is
 * read, to tell whether it ends with a question; the text itself is dropped there and then.
 */
export interface Discussion {
  /** The discussion's title: for a comment thread, the note's term (its `id`, or its address). */
  title: string;
  /** The discussion on GitHub. */
  url: string;
  createdAt: string;
  /** Top-level comments. */
  comments: number;
  /** Replies to those comments. */
  replies: number;
  /** Reactions to the discussion (giscus shows them above the thread), by GitHub's reaction name (`THUMBS_UP`, `HEART`, …). */
  reactions: Record<string, number>;
  upvotes: number;
  /** Distinct people who commented or replied (among the comments read: see `DISCUSSION_LIMITS`). */
  participants: number;
  /** The newest comment or reply; `undefined` when nobody has written yet (reactions only). */
  lastCommentAt?: string | undefined;
  /** The newest of: the discussion's creation, its comments, their replies. */
  lastActivityAt: string;
  /** The category is a Q&A category (answers can be marked). */
  answerable: boolean;
  /** A comment is marked as the answer (Q&A categories only). */
  answered: boolean;
  firstComment?: CommentFacts | undefined;
  lastComment?: (CommentFacts & { endsWithQuestion: boolean; replies: number }) | undefined;
}

export interface CommentFacts {
  /** The author's GitHub login; `ghost` for a deleted account. */
  author: string;
  at: string;
}

/** What was read of a category, when, and from where: the unit the cache keeps. */
export interface DiscussionsSnapshot {
  /** When the API answered (ISO 8601). */
  readAt: string;
  repo: string;
  categoryId: string;
  discussions: Discussion[];
}
