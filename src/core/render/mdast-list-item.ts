import type { Element } from 'hast';
import type { List, ListItem, Parents } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';

/**
 * mdast-util-to-hast's `listItem` handler, with the list's looseness computed once per list.
 *
 * Whether a list item's paragraphs become `<p>` depends on whether its list is loose (any item
 * spread), and the upstream handler works that out again for every item by scanning the list's
 * items: a tight list of n items costs n² checks (20,000 items: 200 million). Here each list is
 * scanned once; the upstream handler then sees a stand-in parent that carries the answer.
 */
export function listItemHandler(): (state: State, node: ListItem, parent: Parents | undefined) => Element {
  const looseness = new WeakMap<List, boolean>();
  return (state, node, parent) => {
    if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent);
    let loose = looseness.get(parent);
    if (loose === undefined) {
      loose = Boolean(parent.spread) || parent.children.some(itemIsLoose);
      looseness.set(parent, loose);
    }
    const standIn: List = { type: 'list', ordered: parent.ordered, spread: loose, children: [] };
    return defaultHandlers.listItem(state, node, standIn);
  };
}

/** As upstream: an item is loose when it says so, or, when it does not say, holds several blocks. */
function itemIsLoose(item: ListItem): boolean {
  return item.spread ?? item.children.length > 1;
}
