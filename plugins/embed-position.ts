import type { Parents } from 'mdast';

/** Containers whose children are blocks: a paragraph in them can be split around an embed. */
const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * Whether an embed with these ancestors (outermost first) is shown in place as a block: it stands
 * directly in a paragraph of a block container. Elsewhere (in a heading, a table cell, emphasis or
 * a link's text) a note embed is shown as a link. The index and the render stage both ask this, so
 * the embed cycles and depths the index reports are the ones pages show.
 */
export function expandsInPlace(ancestors: readonly Parents[]): boolean {
  const parent = ancestors.at(-1);
  const container = ancestors.at(-2);
  return parent?.type === 'paragraph' && container !== undefined && BLOCK_CONTAINERS.has(container.type);
}
