import type { Nodes, Parents } from 'mdast';
import { CALLOUT_MARKER } from './callout-marker.ts';
import { plainText, wikiLinkText } from '../../../plugins/text.ts';

/** The sentence around a link, split so that a page can emphasise the link's own text. */
export interface LinkContext {
  before: string;
  text: string;
  after: string;
}

const MAX_SIDE = 140;

/**
 * Finds, for every link-like node inside one block (paragraph, heading, table cell), the sentence
 * it stands in. One pass over the block, however many links it holds.
 */
export function contextsInBlock(block: Parents, isLink: (node: Nodes) => boolean): Map<Nodes, LinkContext> {
  const spans = new Map<Nodes, [number, number]>();
  let text = '';
  const walk = (node: Nodes) => {
    if (isLink(node)) {
      const start = text.length;
      // An embed shows no text of its own; its context names what it embeds.
      text += node.type === 'wikiLink' ? wikiLinkText(node) : plainText(node);
      spans.set(node, [start, text.length]);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
    else text += plainText(node);
  };
  for (const child of block.children) walk(child as Nodes);
  // A callout's `[!type]` marker is not text a reader sees.
  const marker = CALLOUT_MARKER.exec(text)?.[0].length ?? 0;
  if (marker > 0) {
    text = text.slice(marker);
    for (const span of spans.values()) {
      span[0] = Math.max(0, span[0] - marker);
      span[1] = Math.max(0, span[1] - marker);
    }
  }

  const contexts = new Map<Nodes, LinkContext>();
  for (const [node, [start, end]] of spans) contexts.set(node, sentenceAround(text, start, end));
  return contexts;
}

/**
 * How far from the link a sentence boundary is looked for. Each side is clipped to MAX_SIDE
 * characters anyway; without a window, a paragraph of thousands of links (one hostile note of
 * 1 MiB) would cost the square of its length, and each context would keep the whole paragraph's
 * text alive (a slice of a string refers to it), enough to exhaust the memory.
 */
const WINDOW = MAX_SIDE * 8;

export function sentenceAround(text: string, start: number, end: number): LinkContext {
  const from = Math.max(0, start - WINDOW);
  const to = Math.min(text.length, end + WINDOW);
  const head = text.slice(from, start);
  const sentenceStart = from + (/^[\s\S]*[.!?]\s+/.exec(head)?.[0].length ?? 0);
  const tail = text.slice(end, to);
  const stop = /[.!?](\s|$)/.exec(tail);
  const sentenceEnd = stop ? end + stop.index + 1 : to;
  return {
    before: clip(squeeze(text.slice(sentenceStart, start)), 'start'),
    text: squeeze(text.slice(start, end)),
    after: clip(squeeze(text.slice(end, sentenceEnd)), 'end'),
  };
}

function squeeze(value: string): string {
  return value.replace(/\s+/g, ' ');
}

function clip(value: string, keep: 'start' | 'end'): string {
  if (value.length <= MAX_SIDE) return keep === 'start' ? value.trimStart() : value.trimEnd();
  return keep === 'start' ? `…${value.slice(-MAX_SIDE).replace(/^\S*\s/, '')}` : `${value.slice(0, MAX_SIDE).replace(/\s\S*$/, '')}…`;
}
