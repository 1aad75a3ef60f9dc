import DOMPurify from 'dompurify';
import type { Mermaid } from 'mermaid';

/**
 * Mermaid diagrams. The render stage leaves each ```mermaid block as `<pre class="kg-mermaid">`
 * holding its source (readable without JavaScript); on pages that have one, and only there
 * (src/components/Diagrams.astro), this module loads Mermaid and replaces each block by its SVG.
 * Mermaid is large (see docs/writing-notes.md, "Diagrams"), so it is imported on demand, from its own prebuilt
 * modules that the build publishes as they are (src/core/publish/diagram-code.ts): a core and one
 * chunk per diagram type; a page downloads only what its diagrams use.
 *
 * `securityLevel: 'strict'` makes Mermaid sanitize labels and refuse click handlers and scripts in
 * diagrams, which come from untrusted notes like everything else. Its sanitizer still lets labels
 * hold forms, buttons and inputs (a fake "sign in again" box in a diagram), so the drawing goes
 * through DOMPurify once more (`containDrawing`) before it reaches the page; and the diagram's box
 * clips what it draws (styles/code.css), so that nothing in it covers the page around it.
 */
export async function renderDiagrams(): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>('pre.kg-mermaid')];
  if (blocks.length === 0) return;
  const entry = document.querySelector<HTMLElement>('[data-diagram-code]')?.dataset.diagramCode;
  if (!entry) return;
  const { default: mermaid } = (await import(/* @vite-ignore */ `${document.documentElement.dataset.base ?? '/'}${entry}`)) as {
    default: Mermaid;
  };
  // The page's theme (`data-theme` on <html>, as the comments follow it), else the system's.
  const theme = document.documentElement.dataset.theme;
  const dark = theme ? theme === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
  let count = 0;
  for (const block of blocks) {
    const source = block.textContent ?? '';
    try {
      const { svg } = await mermaid.render(`kg-mermaid-${++count}`, source);
      const figure = document.createElement('div');
      figure.className = 'kg-mermaid-diagram';
      figure.append(containDrawing(svg));
      block.replaceWith(figure);
    } catch (error) {
      block.classList.add('kg-mermaid-error');
      block.title = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      // Mermaid leaves an error graphic in the body when rendering fails.
      document.getElementById(`dkg-mermaid-${count}`)?.remove();
    }
  }
}

/** Elements a diagram's labels never need: form controls, frames, embedded documents. */
const FORBIDDEN_IN_LABELS = [
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'fieldset',
  'output',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'portal',
  'dialog',
  'meta',
  'link',
  'base',
];
/** A `position` other than `static` or `relative`: fixed, absolute or sticky labels could leave their box. */
const POSITIONED = /(^|;)\s*position\s*:\s*(?!static|relative)[^;]*/gi;

let purifier: DOMPurifyInstance | undefined;
type DOMPurifyInstance = ReturnType<typeof DOMPurify>;

/** Mermaid's SVG, sanitized again: no form controls, frames or positioned elements in its labels. */
function containDrawing(svg: string): DocumentFragment {
  if (!purifier) {
    purifier = DOMPurify(window);
    purifier.addHook('uponSanitizeAttribute', (_node, event) => {
      if (event.attrName === 'style') event.attrValue = event.attrValue.replace(POSITIONED, '$1');
    });
  }
  return purifier.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true, html: true },
    // Mermaid writes HTML labels inside <foreignObject> (where HTML may follow SVG, as Mermaid's
    // own sanitizing allows), its theme as a <style> in the SVG, and aligns text with
    // `dominant-baseline`.
    ADD_TAGS: ['foreignobject', 'style'],
    ADD_ATTR: ['dominant-baseline'],
    HTML_INTEGRATION_POINTS: { foreignobject: true },
    FORBID_TAGS: FORBIDDEN_IN_LABELS,
    RETURN_DOM_FRAGMENT: true,
  });
}
