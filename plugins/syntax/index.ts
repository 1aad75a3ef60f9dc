import type { Processor } from 'unified';
import { obsidianCommentSyntax } from './comment.ts';
import { highlightFromMarkdown, highlightSyntax } from './highlight.ts';
import { mathFromMarkdownExtension, mathSyntax } from './math.ts';
import { inlineTagFromMarkdown, inlineTagSyntax } from './tag.ts';
import { wikiLinkFromMarkdown, wikiLinkSyntax } from './wikilink.ts';

export type { Highlight, InlineTag, WikiLink } from './mdast.ts';
export { parseWikiLinkValue } from './mdast.ts';

/**
 * The garden's Markdown dialect on top of GFM: `[[wikilinks]]`, `![[embeds]]`, `#tags`,
 * `%% comments %%`, `==highlights==` and `$math$`. A parser-only remark plugin: it adds syntax, it
 * does not transform.
 */
export function remarkGardenSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax(), obsidianCommentSyntax(), inlineTagSyntax(), highlightSyntax(), mathSyntax());
  (data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown, inlineTagFromMarkdown, highlightFromMarkdown, mathFromMarkdownExtension);
}
