import type { IndexedNote } from '../core/index/types.ts';
import { repositoryLinks } from '../core/history/note.ts';
import { commentThreadOf } from './comments.ts';
import { discussionCounts, discussionOf } from './discussions.ts';
import { siteData } from './site-data.ts';

/** What a reader can do with a note, shown beside its title: edit it, read its history, join its discussion. */
export interface NoteActionsView {
  /** The repository's web editor for the note's file: whenever a repository is configured. */
  edit?: string | undefined;
  history?: string | undefined;
  /** The anchor of the note's comment thread at the end of the page, when it has one. */
  comments?: string | undefined;
  /** What the link to the thread says: "Comments", or its counts ("3 comments · 5 reactions") when the build read them. */
  commentsLabel: string;
}

export function noteActions(note: IndexedNote): NoteActionsView {
  const { garden } = siteData();
  const links = repositoryLinks(garden.config, garden.history, note.path);
  const thread = commentThreadOf(note);
  return {
    edit: links?.edit,
    history: links?.history,
    comments: thread ? '#kg-comments' : undefined,
    commentsLabel: (thread && discussionCounts(discussionOf(note))) ?? 'Comments',
  };
}
