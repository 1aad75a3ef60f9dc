import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Elements the site's styles let scroll sideways (long code lines, wide tables). */
const SCROLLABLE = new Set(['pre', 'table']);

/**
 * Makes code blocks and tables reachable by keyboard (`tabindex="0"`): they scroll sideways when too
 * wide, and a reader without a mouse must be able to scroll them too (WCAG 2.1.1; axe's
 * "scrollable-region-focusable"). Set on every such element, whatever the note's HTML said, so that
 * the only tabindex the sanitizer lets through is this one.
 */
export function rehypeScrollable() {
  return (tree: Root) => {
    visit(tree, 'element', (element: Element) => {
      if (SCROLLABLE.has(element.tagName)) element.properties.tabIndex = 0;
    });
  };
}
