/**
 * The garden's limits on untrusted input, in one place (DESIGN.md section 6). A note beyond a limit
 * is refused with a message that names the limit, before any parser sees it.
 */
export const LIMITS = {
  /** The largest note that is read. Real notes are far smaller (the largest in both corpora is 86 KB). */
  maxNoteBytes: 1024 * 1024,
  /** The largest attachment copied into the site. */
  maxAttachmentBytes: 50 * 1024 * 1024,
  /** How deep embeds may nest before the expansion stops (a page's own embeds are level 1). */
  maxEmbedDepth: 4,
  /**
   * How many embeds one page expands in all, nested ones included. Without it, a few notes that each
   * embed the next one ten times would make a page of 10^4 copies (depth alone bounds nothing).
   */
  maxEmbedsPerPage: 100,
  /**
   * How long one note may take to parse or to render in a build worker before it is stopped and
   * left out (reported as `note-too-slow`): one note must never stall the build. Normal notes take
   * milliseconds.
   */
  noteBudgetMs: 20_000,
} as const;
