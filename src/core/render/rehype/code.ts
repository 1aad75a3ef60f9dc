import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { contextOf } from '../context.ts';

/**
 * Code blocks: highlighted at build time (highlight-code.ts) as `<pre class="kg-code">`, with the
 * language kept as `data-language`. ```` ```mermaid ```` blocks become `<pre class="kg-mermaid">`
 * holding the diagram's source: the page then loads the Mermaid module, and only such a page
 * (src/components/Diagrams.astro); without JavaScript the source stays readable.
 */
declare module 'vfile' {
  interface DataMap {
    /** Set when the note holds a Mermaid diagram. */
    hasDiagram?: boolean | undefined;
  }
}

export function rehypeCode() {
  return (tree: Root, file: VFile) => {
    const { highlighter } = contextOf(file);
    visit(tree, 'element', (pre: Element) => {
      if (pre.tagName !== 'pre') return undefined;
      const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
      if (!code) return undefined;
      const languageClass = ((code.properties.className as string[] | undefined) ?? []).find((name) => name.startsWith('language-'));
      const language = languageClass?.slice('language-'.length);
      if (language?.toLowerCase() === 'mermaid') {
        file.data.hasDiagram = true;
        pre.properties.className = ['kg-mermaid'];
        code.properties.className = undefined;
        return SKIP;
      }
      pre.properties.className = ['kg-code'];
      if (language) pre.properties.dataLanguage = language;
      const highlighted = language && highlighter ? highlighter.highlight(toString(code).replace(/\n$/, ''), language) : undefined;
      if (highlighted) code.children = highlighted;
      return SKIP;
    });
  };
}
