import type { Nodes } from 'mdast';
import type { WikiLink } from './syntax/mdast.ts';

/** What a reader sees for a wikilink: its label, else the target (`Note > Heading` for anchors). */
export function wikiLinkText(node: WikiLink): string {
  if (node.label !== undefined) return node.label;
  const anchor = node.anchor?.replace(/^\^/, '').split('#').join(' > ');
  if (!node.target) return anchor ?? '';
  return anchor ? `${node.target} > ${anchor}` : node.target;
}

/**
 * The text a reader sees for a piece of Markdown, without markup: used for heading anchors, link
 * context and titles. Raw HTML contributes nothing (as on GitHub), our own nodes their visible text.
 */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'inlineMath':
      return node.value;
    case 'wikiLink':
      return node.embed ? '' : wikiLinkText(node);
    case 'inlineTag':
      return `#${node.value}`;
    case 'image':
      return node.alt ?? '';
    case 'break':
      return ' ';
    case 'html':
    case 'code':
    case 'math':
    case 'yaml':
    case 'definition':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? node.children.map((child) => plainText(child as Nodes)).join('') : '';
  }
}
