import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkLinkDestinations } from './syntax/destination.ts';
import { remarkGardenSyntax } from './syntax/index.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkGardenSyntax).freeze();
/** The same parser, also noting where each link's destination is written (for rewriting links). */
const parserWithDestinations = parser().use(remarkLinkDestinations).freeze();

/**
 * The one Markdown parser of the garden: CommonMark + GFM + the garden's syntax. The index stage
 * parses each note with it once; every later stage works on the tree it produced.
 */
export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

/** `parseMarkdown`, with `data.destination` on links, images and definitions (plugins/syntax/destination.ts). */
export function parseMarkdownWithDestinations(markdown: string): Root {
  return parserWithDestinations.parse(markdown);
}
