import type { ListItem, Nodes, Paragraph, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import { contextOf } from './context.ts';

const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;

function setId(node: Nodes, id: string): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, id };
}

/**
 * Gives headings the ids the index computed (so every link resolved against them lands), and turns
 * `^block-id` markers into ids on their paragraph or list item, removing the marker from the text.
 */
export function remarkAnchors() {
  return (tree: Root, file: VFile) => {
    const { title } = contextOf(file);
    let { headings } = contextOf(file);
    const first = tree.children.find((child) => child.type !== 'html' || child.value.trim() !== '');
    if (title !== undefined && first?.type === 'heading' && first.depth === 1 && headings[0]?.text === title) {
      tree.children.splice(tree.children.indexOf(first), 1);
      file.data.liftedTitleId = headings[0]?.id;
      headings = headings.slice(1);
    }
    let headingIndex = 0;
    visitParents(tree, (node, ancestors) => {
      if (node.type === 'heading') {
        const heading = headings[headingIndex++];
        if (heading) setId(node, heading.id);
      } else if (node.type === 'paragraph') {
        const id = takeBlockId(node);
        if (id) {
          const parent = ancestors.at(-1);
          setId(parent?.type === 'listItem' ? (parent as ListItem) : node, `^${id}`);
        }
      }
    });
  };
}

function takeBlockId(paragraph: Paragraph): string | undefined {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'text') return undefined;
  const match = BLOCK_ID.exec(last.value);
  if (!match?.[1]) return undefined;
  last.value = last.value.slice(0, match.index).trimEnd();
  if (last.value === '') paragraph.children.pop();
  return match[1];
}
