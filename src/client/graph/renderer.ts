import Sigma from 'sigma';
import type { ThemeColours } from './colours.ts';
import type { NodeAttributes, NoteGraph } from './data.ts';
import { highlightDrawer } from './drawing.ts';
import { placeLabelsFor } from './labels.ts';
import type { GraphViewState } from './view-state.ts';

/** Past this many neighbours, the active note's neighbours are highlighted without their labels. */
const MAX_FORCED_LABELS = 40;

/**
 * Draws the whole garden with WebGL (sigma) at the positions the build computed: filtered notes
 * hidden, the active note and its neighbours highlighted, the rest faded. Returns undefined when the
 * browser cannot draw (no WebGL): the page then says so in the stage, and the search box and the
 * lists of links still work.
 */
export function createGraphRenderer(
  graph: NoteGraph,
  stage: HTMLElement,
  view: GraphViewState,
  theme: () => ThemeColours,
): Sigma<NodeAttributes> | undefined {
  try {
    const renderer = new Sigma<NodeAttributes>(graph, stage, {
      labelColor: { color: theme().text },
      labelFont: getComputedStyle(stage).fontFamily,
      labelSize: 13,
      defaultEdgeColor: theme().edge,
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      zIndex: true,
      defaultDrawNodeHover: highlightDrawer(() => theme().accent),
      nodeReducer: (node, attributes) => {
        const shown: Partial<NodeAttributes> & { hidden?: boolean; highlighted?: boolean; forceLabel?: boolean; zIndex?: number } = {
          ...attributes,
          color: view.colourOf(attributes),
        };
        if (!view.visible(attributes)) return { ...shown, hidden: true };
        const centre = view.active();
        if (!centre) return shown;
        if (node === centre) return { ...shown, highlighted: true, forceLabel: true, zIndex: 2 };
        if (view.activeNeighbours.has(node)) return { ...shown, forceLabel: view.activeNeighbours.size <= MAX_FORCED_LABELS, zIndex: 1 };
        return { ...shown, color: theme().faded, label: '', zIndex: 0 };
      },
      edgeReducer: (edge, attributes) => {
        const [source, target] = graph.extremities(edge);
        if (!view.visible(graph.getNodeAttributes(source)) || !view.visible(graph.getNodeAttributes(target)))
          return { ...attributes, hidden: true };
        const centre = view.active();
        if (!centre) return attributes;
        return source === centre || target === centre
          ? { ...attributes, color: theme().accent, size: 1.5, zIndex: 1 }
          : { ...attributes, hidden: true };
      },
    });
    placeLabelsFor(renderer, { background: () => theme().background, pointedAt: () => view.hovered });
    return renderer;
  } catch (error) {
    stage.classList.add('kg-graph-stage-failed');
    stage.textContent = `This browser cannot draw the graph (${error instanceof Error ? error.message : 'WebGL is not available'}). Find a note with the search box to see its links.`;
    return undefined;
  }
}
