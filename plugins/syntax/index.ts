import type { Processor } from 'unified';
import { obsidianCommentSyntax } from './comment.ts';
import { inlineTagFromMarkdown, inlineTagSyntax } from './tag.ts';
import { wikiLinkFromMarkdown, wikiLinkSyntax } from './wikilink.ts';

export type { InlineTag, WikiLink } from './mdast.ts';
export { parseWikiLinkValue } from './mdast.ts';

/**
 * The garden's Markdown dialect on top of GFM: `[[wikilinks]]`, `![[embeds]]`, `#tags` and
 * `%% comments %%`. A parser-only remark plugin: it adds syntax, it does not transform.
 */
export function remarkGardenSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax(), obsidianCommentSyntax(), inlineTagSyntax());
  (data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown, inlineTagFromMarkdown);
}
