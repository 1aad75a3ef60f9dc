import type Sigma from 'sigma';
import { themeColours, type ThemeColours } from './colours.ts';
import type { NodeAttributes } from './data.ts';

/**
 * What both graphs do alike: show a note's title by the pointer while it rests on the note (the
 * page's own tooltip, readable in either theme), and follow the site's theme when the reader
 * switches it.
 */
export function followPointer(
  renderer: Sigma<NodeAttributes>,
  stage: HTMLElement,
  tooltip: HTMLElement,
  pointing: (node: string | undefined) => void,
): void {
  const graph = renderer.getGraph();
  renderer.on('enterNode', ({ node }) => {
    pointing(node);
    renderer.refresh({ skipIndexation: true });
    stage.classList.add('kg-graph-stage-pointing');
    const point = renderer.graphToViewport(graph.getNodeAttributes(node));
    tooltip.textContent = graph.getNodeAttribute(node, 'label');
    tooltip.hidden = false;
    tooltip.style.transform = `translate(${Math.round(point.x)}px, ${Math.round(point.y)}px)`;
  });
  renderer.on('leaveNode', () => {
    pointing(undefined);
    renderer.refresh({ skipIndexation: true });
    stage.classList.remove('kg-graph-stage-pointing');
    tooltip.hidden = true;
  });
  renderer.getCamera().on('updated', () => {
    tooltip.hidden = true;
  });
}

/** Reads the theme's colours again when it changes, and redraws with them. */
export function followTheme(renderer: Sigma<NodeAttributes> | undefined, root: HTMLElement, changed: (theme: ThemeColours) => void): void {
  document.addEventListener('kg:themechange', () => {
    const theme = themeColours(root);
    changed(theme);
    renderer?.setSetting('labelColor', { color: theme.text });
    renderer?.setSetting('defaultEdgeColor', theme.edge);
    renderer?.refresh({ skipIndexation: true });
  });
}
