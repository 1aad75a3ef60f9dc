import type { Nodes, Paragraph, Parents, Table, TableRow, Text } from 'mdast';

/**
 * Obsidian block ids: `^block-id` names a block, so that `[[Note#^block-id]]` links to it and
 * `![[Note#^block-id]]` embeds it. Obsidian reads a note as a sequence of blocks (paragraphs, list
 * items, quotes and callouts, tables) and an id at the end of a block names that block:
 *
 * - at the end of a paragraph: the paragraph; at the end of a list item's first paragraph: the item;
 * - at the end of a quote or callout (`> text ^id`, or `^id` on the quote's last line): the whole
 *   quote or callout, as Obsidian shows it;
 * - on a lazy continuation line, the line right after a quote, callout or list that does not repeat
 *   its `>` or indentation (how Obsidian writes an id for such a block): the whole quote, callout or
 *   list it continues;
 * - on the line right after a table (which GFM reads as a last row holding only `^id`): the table;
 * - on a line of its own after a blank line that follows a table, list, quote or callout: that block.
 *
 * The index (which ids exist, where they are), the anchors (which element gets the id) and embeds
 * (what `![[Note#^id]]` shows) all ask `findBlockMarks`, so they always agree. One walk over the
 * block structure: linear in the size of the tree.
 */
const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;
const ONLY_BLOCK_ID = /^\s*\^([A-Za-z0-9-]+)\s*$/;

/** A `^id` marker and the block it names. */
export interface BlockMark {
  id: string;
  /** The node the id names, and its parent (a list item's list, for example). */
  target: Nodes;
  targetParent: Parents;
  /** The paragraph (or the table's marker row) that holds the marker, and its parent. */
  carrier: Paragraph | TableRow;
  carrierParent: Parents;
}

/** Nodes whose children are text, not blocks: the walk does not go into them. */
const PHRASING_HOLDERS = new Set(['paragraph', 'heading', 'table', 'tableRow', 'tableCell', 'code', 'html']);
/** Containers a lazy continuation line can continue, from the inside out. */
const LAZY_CONTAINERS = new Set(['blockquote', 'listItem', 'list']);
const QUOTES = new Set(['blockquote']);

/**
 * Every block id marker in `tree`, in document order, with the block it names. `skip` leaves a
 * subtree out (a rendered embed, whose ids belong to the embedded note).
 */
export function findBlockMarks(tree: Parents, skip?: (node: Nodes) => boolean): BlockMark[] {
  const marks: BlockMark[] = [];
  const ancestors: Parents[] = [];
  const walk = (parent: Parents) => {
    ancestors.push(parent);
    parent.children.forEach((child, index) => {
      if (skip?.(child)) return;
      const mark =
        child.type === 'paragraph' ? paragraphMark(child, index, ancestors) : child.type === 'table' ? tableMark(child, parent) : undefined;
      if (mark) marks.push(mark);
      if ('children' in child && !PHRASING_HOLDERS.has(child.type)) walk(child);
    });
    ancestors.pop();
  };
  walk(tree);
  return marks;
}

function paragraphMark(paragraph: Paragraph, index: number, ancestors: readonly Parents[]): BlockMark | undefined {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'text') return undefined;
  const match = BLOCK_ID.exec(last.value);
  if (!match) return undefined;
  const id = match[1]!;
  const parent = ancestors.at(-1)!;
  const mark = (target: Nodes, targetParent: Parents): BlockMark => ({
    id,
    target,
    targetParent,
    carrier: paragraph,
    carrierParent: parent,
  });

  if (paragraph.children.length === 1 && ONLY_BLOCK_ID.test(last.value)) {
    // A marker paragraph of its own, after a blank line: it names the block before it.
    const previous = index > 0 ? parent.children[index - 1] : undefined;
    return mark(previous && previous.type !== 'heading' && previous.type !== 'paragraph' ? previous : paragraph, parent);
  }
  const enclosing = enclosingBlock(paragraph, ancestors, onLazyLine(paragraph, last) ? LAZY_CONTAINERS : QUOTES);
  if (enclosing) return mark(enclosing.node, enclosing.parent);
  if (parent.type === 'listItem' && parent.children[0] === paragraph) return mark(parent, ancestors.at(-2) ?? parent);
  return mark(paragraph, parent);
}

/**
 * Whether the marker stands on a lazy continuation line: a line of its own that starts left of the
 * paragraph's first line (`^id` without the `> ` or the list item's indentation).
 */
function onLazyLine(paragraph: Paragraph, last: Text): boolean {
  const newline = last.value.lastIndexOf('\n');
  if (newline === -1) return false;
  const line = last.value.slice(newline + 1);
  if (!ONLY_BLOCK_ID.test(line)) return false;
  const end = last.position?.end.column;
  const start = paragraph.position?.start.column;
  if (end === undefined || start === undefined) return false;
  return end - line.trim().length < start;
}

/**
 * The outermost quote or list that `node` ends: going up while each node is the last child of its
 * parent and the parent is one of `types`. `undefined` when the paragraph's own parent is not one.
 */
function enclosingBlock(
  node: Nodes,
  ancestors: readonly Parents[],
  types: ReadonlySet<string>,
): { node: Parents; parent: Parents } | undefined {
  let current: Nodes = node;
  let found: { node: Parents; parent: Parents } | undefined;
  for (let level = ancestors.length - 1; level > 0; level--) {
    const container = ancestors[level]!;
    if (!types.has(container.type) || container.children.at(-1) !== current) break;
    // A list item is always inside its list, which the walk reaches next: the list is the block.
    if (container.type !== 'listItem') found = { node: container, parent: ancestors[level - 1]! };
    current = container;
  }
  return found;
}

/** GFM reads the line right after a table as one more row: a row holding only `^id` names the table. */
function tableMark(table: Table, parent: Parents): BlockMark | undefined {
  const row = table.children.at(-1);
  if (!row || table.children.length < 2) return undefined;
  const [first, ...others] = row.children;
  const only = first?.children.length === 1 ? first.children[0] : undefined;
  if (only?.type !== 'text' || others.some((cell) => cell.children.length > 0)) return undefined;
  const match = ONLY_BLOCK_ID.exec(only.value);
  return match ? { id: match[1]!, target: table, targetParent: parent, carrier: row, carrierParent: table } : undefined;
}

/**
 * Removes the marks' `^id` from the text; a marker paragraph or row of its own disappears entirely
 * (unless it names itself). Call it after the walk that found the marks: removal changes parents.
 */
export function removeBlockMarkers(marks: readonly BlockMark[]): void {
  const emptied = new Map<Parents, Set<Nodes>>();
  for (const mark of marks) {
    const { carrier, carrierParent, target } = mark;
    if (carrier.type === 'paragraph') {
      const last = carrier.children.at(-1);
      const match = last?.type === 'text' ? BLOCK_ID.exec(last.value) : null;
      if (last?.type !== 'text' || !match) continue;
      last.value = last.value.slice(0, match.index).trimEnd();
      if (last.value === '') carrier.children.pop();
      if (carrier.children.length > 0 || target === carrier) continue;
    }
    let removed = emptied.get(carrierParent);
    if (!removed) emptied.set(carrierParent, (removed = new Set()));
    removed.add(carrier);
  }
  // One pass per parent, not one search per marker: a note may hold thousands of markers.
  for (const [parent, removed] of emptied) parent.children = parent.children.filter((child) => !removed.has(child)) as never;
}
