import Sigma from 'sigma';
import { categoryColour, themeColours, type ThemeColours } from './colours.ts';
import { loadLocalGraph, noteUrl, type NodeAttributes } from './data.ts';
import { highlightDrawer } from './drawing.ts';
import { placeLabelsFor } from './labels.ts';
import { followPointer, followTheme } from './interaction.ts';
import { placeOnRings } from './rings.ts';

/**
 * A note's local graph: the note in the middle, its links and backlinks on a ring around it, and
 * (with "their links too") their own neighbours on an outer ring, each near the neighbour it comes
 * through. The rings are placed here: a few dozen notes at most, a loop over them, not a simulation.
 * Colours are the areas' colours of the graph page. Point at a note to see its title, click to open.
 */
export async function startLocalGraph(section: HTMLElement): Promise<void> {
  const stage = section.querySelector<HTMLElement>('[data-local-stage]')!;
  const tooltip = section.querySelector<HTMLElement>('[data-graph-tooltip]')!;
  const depthToggle = section.querySelector<HTMLInputElement>('[data-local-depth]');
  const { data, graph } = await loadLocalGraph(section.dataset.localGraph!);
  const centre = data.nodes[0]![0];
  // Rings stretched to the frame's shape, so that labels get the width of the page.
  const stretch = Math.min(2.4, Math.max(1, stage.clientWidth / Math.max(stage.clientHeight, 1)));
  placeOnRings(graph, centre, stretch);

  let theme: ThemeColours = themeColours(section);
  let depth = depthToggle?.checked ? 2 : 1;
  let hovered: string | undefined;
  let hoveredNeighbours = new Set<string>();
  const shown = (attributes: NodeAttributes) => attributes.depth <= depth;
  const extent = () => (depth === 2 ? 2.35 : 1.25);

  let renderer: Sigma<NodeAttributes>;
  try {
    renderer = new Sigma<NodeAttributes>(graph, stage, {
      labelColor: { color: theme.text },
      labelFont: getComputedStyle(section).fontFamily,
      labelSize: 12,
      defaultEdgeColor: theme.edge,
      // The page scrolls over the graph: no zooming or dragging to get in its way.
      enableCameraZooming: false,
      enableCameraPanning: false,
      zIndex: true,
      defaultDrawNodeHover: highlightDrawer(() => theme.accent),
      nodeReducer: (node, attributes) => {
        const base = {
          ...attributes,
          color: categoryColour(attributes.area),
          size: attributes.depth === 2 ? attributes.size * 0.75 : attributes.size,
        };
        if (!shown(attributes)) return { ...base, hidden: true };
        // The note itself is the page being read: a ring marks it, and its title is always written.
        if (node === centre && hovered !== centre) return { ...base, highlighted: true, forceLabel: true, zIndex: 2 };
        // The note's own neighbours are named before their neighbours, wherever their titles fit (labels.ts).
        if (!hovered) return { ...base, forceLabel: attributes.depth === 1, zIndex: 1 };
        if (node === hovered) return { ...base, highlighted: true, zIndex: 3 };
        if (hoveredNeighbours.has(node)) return { ...base, forceLabel: true, zIndex: 2 };
        return { ...base, color: theme.faded, label: '', zIndex: 0 };
      },
      edgeReducer: (edge, attributes) => {
        const [source, target] = graph.extremities(edge);
        if (!shown(graph.getNodeAttributes(source)) || !shown(graph.getNodeAttributes(target))) return { ...attributes, hidden: true };
        if (hovered)
          return source === hovered || target === hovered
            ? { ...attributes, color: theme.accent, size: 1.5 }
            : { ...attributes, hidden: true };
        // The note's own links stand out; links among its neighbours stay in the background.
        return source === centre || target === centre ? { ...attributes, size: 1.2 } : { ...attributes, color: theme.faintEdge };
      },
    });
  } catch {
    stage.textContent = 'This browser cannot draw the graph; the list below has the same notes.';
    renderList();
    return;
  }
  placeLabelsFor(renderer, { background: () => theme.background, pointedAt: () => hovered });
  // On a touch screen a finger on the graph must still scroll the page: sigma's touch handling (which
  // holds the page still to pan the graph) is off; a tap still reaches the notes as a click.
  renderer.getTouchCaptor().enabled = false;
  const fit = () => {
    const r = extent();
    renderer.setCustomBBox({ x: [-r * stretch, r * stretch], y: [-r, r] });
    renderer.refresh();
  };
  fit();

  followPointer(renderer, stage, tooltip, (node) => {
    hovered = node;
    hoveredNeighbours = new Set(node ? graph.neighbors(node) : []);
  });
  renderer.on('clickNode', ({ node }) => {
    if (node !== centre) location.assign(noteUrl(node));
  });

  depthToggle?.addEventListener('change', () => {
    depth = depthToggle.checked ? 2 : 1;
    fit();
    renderList();
  });
  followTheme(renderer, section, (changed) => {
    theme = changed;
  });

  /** The same notes as links, for the keyboard, screen readers, and a look at the whole list. */
  function renderList(): void {
    const items = graph
      .filterNodes((node, attributes) => node !== centre && shown(attributes))
      .sort(
        (a, b) =>
          graph.getNodeAttribute(a, 'depth') - graph.getNodeAttribute(b, 'depth') ||
          graph.getNodeAttribute(b, 'rank') - graph.getNodeAttribute(a, 'rank'),
      )
      .map((node) => {
        const item = document.createElement('li');
        const anchor = document.createElement('a');
        anchor.href = noteUrl(node);
        anchor.textContent = graph.getNodeAttribute(node, 'label');
        const relation = document.createElement('span');
        relation.className = 'kg-muted';
        const out = graph.hasDirectedEdge(centre, node);
        const back = graph.hasDirectedEdge(node, centre);
        relation.textContent = out && back ? 'linked both ways' : out ? 'linked from here' : back ? 'links here' : 'through a neighbour';
        item.append(anchor, ' · ', relation);
        return item;
      });
    section.querySelector('[data-local-summary]')!.textContent =
      `The ${items.length} ${items.length === 1 ? 'note' : 'notes'} in this graph`;
    section.querySelector('[data-local-items]')!.replaceChildren(...items);
  }
  renderList();
  section.dataset.localReady = 'true';
}
