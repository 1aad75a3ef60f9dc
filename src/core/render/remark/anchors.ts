import type { Nodes, Root } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { findBlockMarks, removeBlockMarkers } from '../../../../plugins/blocks.ts';
import { contextOf } from '../context.ts';
import { isRendered } from '../element.ts';

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
    visit(tree, (node) => {
      if (isRendered(node)) return SKIP;
      if (node.type === 'heading') {
        const heading = headings[headingIndex++];
        if (heading && !embedded) setId(node, heading.id);
      }
      return undefined;
    });
    const marks = findBlockMarks(tree, isRendered);
    if (!embedded) for (const { id, target } of marks) setId(target, `^${id}`);
    removeBlockMarkers(marks);
  };
}
