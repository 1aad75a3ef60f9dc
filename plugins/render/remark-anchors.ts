import type { Nodes, Parents, Root } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { blockIdOf, blockTargetOf, removeBlockMarker } from '../blocks.ts';
import { contextOf } from './context.ts';
import { isRendered } from './element.ts';

function setId(node: Nodes, id: string): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, id };
}

/**
 * Gives headings the ids the index computed (so every link resolved against them lands), and turns
 * `^block-id` markers into ids on the block they name (plugins/blocks.ts), removing the marker from
 * the text; a marker on a line of its own disappears entirely. Content embedded from another note
 * gets no ids at all (they would collide with the page's own), but its markers are removed too.
 */
export function remarkAnchors() {
  return (tree: Root, file: VFile) => {
    const { title, embedded } = contextOf(file);
    let { headings } = contextOf(file);
    const first = tree.children.find((child) => child.type !== 'html' || child.value.trim() !== '');
    if (!embedded && title !== undefined && first?.type === 'heading' && first.depth === 1 && headings[0]?.text === title) {
      tree.children.splice(tree.children.indexOf(first), 1);
      file.data.liftedTitleId = headings[0]?.id;
      headings = headings.slice(1);
    }
    let headingIndex = 0;
    const emptied: { paragraph: Nodes; parent: Parents }[] = [];
    visitParents(tree, (node, ancestors) => {
      if (isRendered(node)) return SKIP;
      if (node.type === 'heading') {
        const heading = headings[headingIndex++];
        if (heading && !embedded) setId(node, heading.id);
      } else if (node.type === 'paragraph') {
        const id = blockIdOf(node);
        if (!id) return undefined;
        const parent = ancestors.at(-1);
        const target = blockTargetOf(node, parent);
        if (removeBlockMarker(node) && parent && target !== node) emptied.push({ paragraph: node, parent });
        if (!embedded) setId(target, `^${id}`);
      }
      return undefined;
    });
    for (const { paragraph, parent } of emptied) parent.children.splice(parent.children.indexOf(paragraph as never), 1);
  };
}
