import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkGardenSyntax } from './syntax/index.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkGardenSyntax).freeze();

/**
 * The one Markdown parser of the garden: CommonMark + GFM + the garden's syntax. The index stage
 * parses each note with it once; every later stage works on the tree it produced.
 */
export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}
