/**
 * Mermaid diagrams. The render stage leaves each ```mermaid block as `<pre class="kg-mermaid">`
 * holding its source (readable without JavaScript); on pages that have one, and only there
 * (src/components/Diagrams.astro), this module loads Mermaid and replaces each block by its SVG.
 * Mermaid is large (see README, "Diagrams"), so it is imported on demand and split by Vite into a
 * core and one chunk per diagram type; a page downloads only what its diagrams use.
 *
 * `securityLevel: 'strict'` makes Mermaid sanitize labels and refuse click handlers and scripts in
 * diagrams, which come from untrusted notes like everything else.
 */
export async function renderDiagrams(): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>('pre.kg-mermaid')];
  if (blocks.length === 0) return;
  const { default: mermaid } = await import('mermaid');
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
      figure.innerHTML = svg;
      block.replaceWith(figure);
    } catch (error) {
      block.classList.add('kg-mermaid-error');
      block.title = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      // Mermaid leaves an error graphic in the body when rendering fails.
      document.getElementById(`dkg-mermaid-${count}`)?.remove();
    }
  }
}
