import type { GraphViewJson } from '../../core/graph/view-json.ts';
import { bindCameraControls } from './camera-controls.ts';
import { themeColours } from './colours.ts';
import { loadGardenGraph, noteUrl, type NoteGraph } from './data.ts';
import { bindGraphFilters } from './filters.ts';
import { FocusPanel } from './focus-panel.ts';
import { formatCount } from './format.ts';
import { followPointer, followTheme } from './interaction.ts';
import { NodeSearch } from './node-search.ts';
import { createGraphRenderer } from './renderer.ts';
import { GraphViewState } from './view-state.ts';

/**
 * The graph page: the whole garden drawn at the positions the build computed. Pan and zoom with
 * the pointer, the buttons or the keys; hover a note to see its title and its neighbours, click to
 * open it. The search box finds a note, centres the graph on it and lists its links and backlinks
 * (the focus panel). This module wires the parts together; each part is a module of its own.
 */
export async function startGlobalGraph(root: HTMLElement): Promise<void> {
  const stage = root.querySelector<HTMLElement>('[data-graph-stage]')!;
  const status = root.querySelector<HTMLElement>('[data-graph-status]')!;
  const tooltip = root.querySelector<HTMLElement>('[data-graph-tooltip]')!;
  status.textContent = 'Loading the graph…';
  let loaded: Awaited<ReturnType<typeof loadGardenGraph>>;
  try {
    loaded = await loadGardenGraph();
  } catch (error) {
    status.textContent = `The graph could not be loaded (${error instanceof Error ? error.message : String(error)}).`;
    return;
  }
  const { data, graph } = loaded;
  const view = new GraphViewState(graph);
  let theme = themeColours(root);
  const renderer = createGraphRenderer(graph, stage, view, () => theme);
  const refresh = () => renderer?.refresh({ skipIndexation: true });

  const panel = new FocusPanel(root.querySelector<HTMLElement>('[data-graph-focus]')!, graph, data, (slug) => focus(slug));
  const search = new NodeSearch(
    root.querySelector<HTMLInputElement>('[data-graph-search]')!,
    root.querySelector<HTMLElement>('[data-graph-options]')!,
    graph,
    data,
    (slug) => focus(slug),
  );
  const focus = (slug: string | undefined, { move = true } = {}) => {
    view.focused = slug && graph.hasNode(slug) ? slug : undefined;
    view.refreshActive();
    refresh();
    panel.show(view.focused);
    const url = new URL(location.href);
    if (view.focused) url.searchParams.set('focus', view.focused);
    else url.searchParams.delete('focus');
    history.replaceState(history.state, '', url);
    if (view.focused && move && renderer) {
      const point = renderer.getNodeDisplayData(view.focused);
      if (point)
        void renderer.getCamera().animate({ x: point.x, y: point.y, ratio: Math.min(renderer.getCamera().ratio, 0.35) }, { duration: 400 });
    }
  };
  panel.onClear(() => {
    focus(undefined);
    search.input.focus();
  });

  // Hover: the title by the pointer, the note's neighbours highlighted. Click: open the note (on a
  // touch screen, the first tap highlights and the second opens).
  if (renderer) {
    const touch = matchMedia('(hover: none)').matches;
    followPointer(renderer, stage, tooltip, (node) => {
      view.hovered = node;
      view.refreshActive();
    });
    renderer.on('clickNode', ({ node }) => {
      if (touch && view.focused !== node) focus(node, { move: false });
      else location.assign(noteUrl(node));
    });
    renderer.on('clickStage', () => {
      if (view.focused) focus(undefined);
    });
  }
  bindCameraControls(root, stage, renderer);

  const announce = () => {
    const shown = view.visibleCount();
    status.textContent =
      shown === graph.order
        ? `${formatCount(graph.order)} notes and ${formatCount(graph.size)} links. Drag to move, scroll or pinch to zoom; point at a note to see its links, click it to open it.`
        : `Showing ${formatCount(shown)} of ${formatCount(graph.order)} notes.`;
  };
  bindGraphFilters(root, data, view, () => {
    refresh();
    announce();
  });
  announce();

  followTheme(renderer, root, (changed) => {
    theme = changed;
  });

  const initial = new URL(location.href).searchParams.get('focus');
  if (initial !== null && graph.hasNode(initial)) focus(initial);
  root.dataset.graphReady = 'true';
}

export type { GraphViewJson, NoteGraph };
