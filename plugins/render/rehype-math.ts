import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import katex from 'katex';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Typesets `$…$`, `$$…$$` and ```` ```math ```` at build time with KaTeX. The output is MathML only
 * (`output: 'mathml'`): browsers render it natively (Chromium since 109, Firefox, Safari), so pages
 * need no KaTeX stylesheet, no web fonts, no inline styles and no JavaScript. The TeX source stays in
 * the formula's `<annotation>`, for copying and for assistive technology.
 *
 * A formula KaTeX cannot parse is shown as its source, marked, with KaTeX's message as a tooltip:
 * the build goes on (as for any bad input, DESIGN.md section 6).
 */
const KATEX_OPTIONS = {
  output: 'mathml',
  throwOnError: true,
  // `\href`, `\url`, `\includegraphics` and the like stay text: notes are untrusted.
  trust: false,
  strict: 'ignore',
  // Bounds on macro expansion and sizes, so one hostile formula cannot stall the build.
  maxExpand: 1000,
  maxSize: 100,
} as const;

export function rehypeMath() {
  return (tree: Root) => {
    visit(tree, 'element', (element: Element, index, parent) => {
      if (!parent || index === undefined) return undefined;
      const classes = (element.properties.className as string[] | undefined) ?? [];
      // ```math fences and `$$` blocks are `<pre><code class="language-math">`.
      if (element.tagName === 'pre') {
        const code = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
        if (!code || !((code.properties.className as string[] | undefined) ?? []).includes('language-math')) return undefined;
        parent.children[index] = typeset(toString(code).trim(), 'block');
        return SKIP;
      }
      if (element.tagName !== 'code' || !classes.includes('language-math')) return undefined;
      parent.children[index] = typeset(toString(element), classes.includes('math-display') ? 'inline-display' : 'inline');
      return SKIP;
    });
  };
}

/** `block`: a `$$` block; `inline-display`: `$$…$$` inside a paragraph; `inline`: `$…$`. */
function typeset(source: string, mode: 'block' | 'inline-display' | 'inline'): Element {
  const displayMode = mode !== 'inline';
  const className = ['kg-math', ...(displayMode ? ['kg-math-display'] : [])];
  const tagName = mode === 'block' ? 'div' : 'span';
  try {
    const html = katex.renderToString(source, { ...KATEX_OPTIONS, displayMode });
    return { type: 'element', tagName, properties: { className }, children: mathElements(html) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      type: 'element',
      tagName: 'code',
      properties: { className: ['kg-math-error'], title: message },
      children: [{ type: 'text', value: displayMode ? `$$${source}$$` : `$${source}$` }],
    };
  }
}

/** KaTeX wraps the `<math>` in `<span class="katex">`; the garden keeps only the `<math>`. */
function mathElements(html: string): ElementContent[] {
  const fragment = fromHtml(html, { fragment: true });
  const found: ElementContent[] = [];
  visit(fragment, 'element', (element: Element) => {
    if (element.tagName !== 'math') return undefined;
    delete element.properties.xmlns;
    found.push(element);
    return SKIP;
  });
  return found;
}
