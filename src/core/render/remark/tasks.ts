import type { ListItem, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { withProperties } from '../element.ts';

/** `[/] `, `[-] `, `[>] `: one character other than a space or `x` between brackets, then a space. */
const CUSTOM_STATUS = /^\[([^\s\]xX])\][ \t]/u;

/**
 * Task lists. GFM knows `- [ ]` and `- [x]`; Obsidian (and the Tasks plugin) also use any other
 * character as a status: `- [/]` in progress, `- [-]` cancelled, `- [>]` deferred. Such an item is
 * shown as Obsidian shows it: a ticked checkbox, with the status kept in `data-task` on the item (so
 * a stylesheet can tell them apart) and the marker itself removed from the text. Every task item
 * gets `data-task` (`x` or a space for GFM's own).
 */
export function remarkTasks() {
  return (tree: Root) => {
    visit(tree, 'listItem', (item: ListItem) => {
      if (typeof item.checked === 'boolean') {
        withProperties(item, { dataTask: item.checked ? 'x' : ' ' });
        return;
      }
      const paragraph = item.children[0];
      const lead = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined;
      if (lead?.type !== 'text') return;
      const match = CUSTOM_STATUS.exec(lead.value);
      if (!match) return;
      lead.value = lead.value.slice(match[0].length);
      item.checked = true;
      withProperties(item, { dataTask: match[1] });
    });
  };
}
