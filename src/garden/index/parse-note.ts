import type { Root } from 'mdast';
import { parseMarkdown } from '../../../plugins/parse.ts';
import { extractFacts, type NoteFacts } from './facts.ts';

/** What the index needs from parsing one note: its facts, and its tree for the render stage. */
export interface ParsedNote {
  facts: NoteFacts;
  tree: Root;
}

/**
 * The one place a note's Markdown is parsed: used in the main thread, and by the parallel workers
 * (src/garden/parallel/), which send back the facts and keep the tree for rendering.
 */
export function parseNote(body: string): ParsedNote {
  const tree = parseMarkdown(body);
  return { facts: extractFacts(tree), tree };
}
