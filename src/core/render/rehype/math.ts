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
 * the build goes on (as for any bad input, docs/security.md).
 */
const KATEX_OPTIONS = {
  output: 'mathml',
  throwOnError: true,
  // `\href`, `\url`, `\includegraphics` and the like stay text: notes are untrusted.
  trust: false,
  strict: 'ignore',
  // Bounds on macro expansion, so one hostile formula cannot stall the build, and on sizes written
  // in a formula (`\rule{500em}{500em}`, `\raisebox`, `\kern`), in ems: a formula that draws
  // far outside itself is also clipped by its box (src/styles/math.css).
  maxExpand: 1000,
  maxSize: 10,
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
    visit(element, 'element', applyMathVariant);
    found.push(element);
    return SKIP;
  });
  return found;
}

/**
 * MathML Core, what Chromium implements, ignores `mathvariant` (but for `normal`), so KaTeX's
 * `<mi mathvariant="double-struck">R</mi>` would show a plain R. The letters and digits are written
 * as the Unicode mathematical alphanumeric characters instead (ℝ, 𝐱, 𝓛), which every browser
 * shows, as Temml and MathJax do.
 */
const VARIANTS: Record<string, { upper: number; lower?: number; digit?: number; holes?: Record<string, number> }> = {
  bold: { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce },
  italic: { upper: 0x1d434, lower: 0x1d44e, holes: { h: 0x210e } },
  'bold-italic': { upper: 0x1d468, lower: 0x1d482 },
  script: {
    upper: 0x1d49c,
    lower: 0x1d4b6,
    holes: { B: 0x212c, E: 0x2130, F: 0x2131, H: 0x210b, I: 0x2110, L: 0x2112, M: 0x2133, R: 0x211b, e: 0x212f, g: 0x210a, o: 0x2134 },
  },
  'bold-script': { upper: 0x1d4d0, lower: 0x1d4ea },
  fraktur: { upper: 0x1d504, lower: 0x1d51e, holes: { C: 0x212d, H: 0x210c, I: 0x2111, R: 0x211c, Z: 0x2128 } },
  'double-struck': {
    upper: 0x1d538,
    lower: 0x1d552,
    digit: 0x1d7d8,
    holes: { C: 0x2102, H: 0x210d, N: 0x2115, P: 0x2119, Q: 0x211a, R: 0x211d, Z: 0x2124 },
  },
  'bold-fraktur': { upper: 0x1d56c, lower: 0x1d586 },
  'sans-serif': { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2 },
  'bold-sans-serif': { upper: 0x1d5d4, lower: 0x1d5ee, digit: 0x1d7ec },
  'sans-serif-italic': { upper: 0x1d608, lower: 0x1d622 },
  'sans-serif-bold-italic': { upper: 0x1d63c, lower: 0x1d656 },
  monospace: { upper: 0x1d670, lower: 0x1d68a, digit: 0x1d7f6 },
};

function applyMathVariant(element: Element): void {
  const variant = element.properties.mathvariant;
  if (typeof variant !== 'string') return;
  const table = VARIANTS[variant];
  if (!table) return;
  let changed = true;
  for (const child of element.children) {
    if (child.type !== 'text') {
      changed = false;
      continue;
    }
    child.value = [...child.value].map((character) => mathCharacter(character, table)).join('');
  }
  if (changed) delete element.properties.mathvariant;
}

function mathCharacter(character: string, table: (typeof VARIANTS)[string]): string {
  const hole = table.holes?.[character];
  if (hole) return String.fromCodePoint(hole);
  const code = character.codePointAt(0)!;
  if (code >= 65 && code <= 90) return String.fromCodePoint(table.upper + code - 65);
  if (code >= 97 && code <= 122 && table.lower !== undefined) return String.fromCodePoint(table.lower + code - 97);
  if (code >= 48 && code <= 57 && table.digit !== undefined) return String.fromCodePoint(table.digit + code - 48);
  return character;
}
