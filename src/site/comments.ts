import { commentThreadPlan } from '../core/comments/threads.ts';
import type { IndexedNote } from '../core/index/types.ts';
import type { GiscusSettings } from '../client/comments/settings.ts';
import { siteData } from './site-data.ts';

export interface CommentThreadView {
  settings: GiscusSettings;
  /**
   * The note's discussion on GitHub itself (a search for its title, which is the thread's term), for
   * readers without JavaScript or whose network blocks the giscus host: there they can read it, and
   * start it if nobody has yet.
   */
  discussionUrl: string;
}

/** The giscus thread shown under a note; `undefined` when comments are off for the site or the note. */
export function commentThreadOf(note: IndexedNote): CommentThreadView | undefined {
  const { garden } = siteData();
  const config = garden.config.comments;
  const thread = commentThreadPlan(garden)?.threads.get(note.slug);
  if (!config || !thread) return undefined;
  const { repo, repoId, category, categoryId, host, lang, reactionsEnabled, inputPosition, loading, themes } = config;
  return {
    settings: { host, repo, repoId, category, categoryId, term: thread.term, lang, reactionsEnabled, inputPosition, loading, themes },
    discussionUrl: `https://github.com/${repo}/discussions?discussions_q=${encodeURIComponent(`in:title "${thread.term}"`)}`,
  };
}
