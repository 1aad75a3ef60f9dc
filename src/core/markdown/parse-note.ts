import type { Root } from 'mdast';
import { parseMarkdown } from '../../../plugins/parse.ts';
import { detectLanguage } from './language.ts';
import { extractFacts, type NoteFacts } from './facts.ts';

/** What the index needs from parsing one note: its facts, and its tree for the render stage. */
export interface ParsedNote {
  facts: NoteFacts;
  tree: Root;
}

/**
 * The one place a note's Markdown is parsed: used in the main thread, and by the parallel workers
 * (src/core/build/workers/), which send back the facts and keep the tree for rendering.
 */
export function parseNote(body: string): ParsedNote {
  const tree = parseMarkdown(body);
  const facts = extractFacts(tree);
  // Detected once here and kept with the facts (and their cache): it scans the whole text.
  facts.detectedLanguage = detectLanguage(body, '') || undefined;
  return { facts, tree };
}
