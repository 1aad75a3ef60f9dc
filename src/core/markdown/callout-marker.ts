/**
 * A callout's first line, as Obsidian writes it in a blockquote: `[!type]`, then `-` (folded) or
 * `+` (foldable, open), then the title up to the end of the line. Syntax the index reads (a
 * backlink's context leaves the marker out) and the render turns into a callout
 * (src/core/render/remark/callouts.ts).
 */
export const CALLOUT_MARKER = /^\[!([\p{L}\p{N}_-]+)\]([+-])?(?=\s|$)[ \t]*/u;
