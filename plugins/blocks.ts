import type { Nodes, Paragraph, Parents } from 'mdast';

/**
 * Obsidian block ids: `^block-id` at the end of a paragraph or list item names that block. On a
 * line of its own after a table, list, quote or callout (a paragraph holding only the marker), it
 * names the block before it. The index (which ids exist, where they are), the anchors (which
 * element gets the id) and embeds (what `![[Note#^id]]` shows) all ask these functions, so they
 * always agree.
 */
const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;

/** The block id a paragraph ends with, if any. */
export function blockIdOf(paragraph: Paragraph): string | undefined {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'text') return undefined;
  return BLOCK_ID.exec(last.value)?.[1];
}

/** Removes the `^id` marker from the paragraph's text; true when nothing else was in it. */
export function removeBlockMarker(paragraph: Paragraph): boolean {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'text') return false;
  const match = BLOCK_ID.exec(last.value);
  if (!match) return false;
  last.value = last.value.slice(0, match.index).trimEnd();
  if (last.value === '') paragraph.children.pop();
  return paragraph.children.length === 0;
}

/** True for a paragraph that is only a `^id` marker. */
function isStandaloneMarker(paragraph: Paragraph): boolean {
  const only = paragraph.children.length === 1 ? paragraph.children[0] : undefined;
  return only?.type === 'text' && /^\s*\^[A-Za-z0-9-]+\s*$/.test(only.value);
}

/**
 * The node a paragraph's `^id` names: the list item it opens, the block before a standalone marker,
 * or else the paragraph itself. `parent` is the paragraph's parent.
 */
export function blockTargetOf(paragraph: Paragraph, parent: Parents | undefined): Nodes {
  if (!parent) return paragraph;
  if (parent.type === 'listItem' && parent.children[0] === paragraph) return parent;
  if (isStandaloneMarker(paragraph)) {
    const index = parent.children.indexOf(paragraph as never);
    const previous = index > 0 ? parent.children[index - 1] : undefined;
    if (previous && previous.type !== 'heading' && previous.type !== 'paragraph') return previous;
  }
  return paragraph;
}
