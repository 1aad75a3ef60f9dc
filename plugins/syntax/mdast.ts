import type { Data, Literal, Parent, PhrasingContent } from 'mdast';

/**
 * The nodes our syntax extensions add to mdast. Registering them in mdast's content maps lets
 * visitors and handlers see them with full types.
 */

export interface WikiLinkData extends Data {}

/** `[[Target#Anchor|Label]]`, or `![[…]]` when `embed` is true. */
export interface WikiLink extends Literal {
  type: 'wikiLink';
  /** The text between the brackets, exactly as written. */
  value: string;
  embed: boolean;
  /** The note or file part, trimmed; empty for a same-note link such as `[[#Heading]]`. */
  target: string;
  /** What follows the first `#`: `Heading`, `Heading#Sub` or `^block-id`; undefined when absent. */
  anchor?: string | undefined;
  /** What follows the first `|` (or `\|` inside a table); undefined when absent. */
  label?: string | undefined;
  data?: WikiLinkData;
}

/** An inline `#tag` or `#nested/tag`; `value` is without the `#`. */
export interface InlineTag extends Literal {
  type: 'inlineTag';
  value: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
    inlineTag: InlineTag;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
    inlineTag: InlineTag;
  }
}

/** Splits the inside of `[[…]]` into target, anchor and label, the way Obsidian reads it. */
export function parseWikiLinkValue(value: string): Pick<WikiLink, 'target' | 'anchor' | 'label'> {
  const bar = value.indexOf('|');
  let targetPart = bar === -1 ? value : value.slice(0, bar);
  const label =
    bar === -1
      ? undefined
      : value
          .slice(bar + 1)
          .replaceAll('\\|', '|')
          .trim();
  // Inside a GFM table the separator is written `\|`; its backslash stays on the target side.
  if (bar !== -1 && targetPart.endsWith('\\')) targetPart = targetPart.slice(0, -1);
  const hash = targetPart.indexOf('#');
  const target = (hash === -1 ? targetPart : targetPart.slice(0, hash)).trim();
  const anchor = hash === -1 ? undefined : targetPart.slice(hash + 1).trim();
  return { target, anchor: anchor === '' ? undefined : anchor, label: label === '' ? undefined : label };
}

/** `==highlighted==` text, rendered as `<mark>`. */
export interface Highlight extends Parent {
  type: 'highlight';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    highlight: Highlight;
  }
  interface RootContentMap {
    highlight: Highlight;
  }
}
