import Sigma from 'sigma';
import type { GraphViewJson } from '../../core/graph/view-json.ts';
import { categoryColour, themeColours, type ThemeColours } from './colours.ts';
import { areaName, loadGardenGraph, noteUrl, type NodeAttributes, type NoteGraph } from './data.ts';
import { highlightDrawer } from './drawing.ts';
import { placeLabelsFor } from './labels.ts';
import { followPointer, followTheme } from './interaction.ts';
import { renderNeighbourList } from './neighbours.ts';
import { NodeSearch } from './node-search.ts';

/**
 * The graph page: the whole garden drawn with WebGL (sigma) at the positions the build computed.
 * Pan and zoom with the pointer or the buttons, hover a note to see its title and its neighbours,
 * click to open it. The search box finds a note, centres the graph on it and lists its links and
 * backlinks as links, which is also how the graph is used from the keyboard or without WebGL.
 */

type ColourBy = 'area' | 'tag';

interface State {
  colourBy: ColourBy;
  hiddenAreas: Set<number>;
  /** Only notes with this tag (index into the data's tags), or -1 for all. */
  tag: number;
  hovered: string | undefined;
  focused: string | undefined;
}

const MAX_FORCED_LABELS = 40;
const PAN_STEP = 0.15;

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
  const state: State = { colourBy: 'area', hiddenAreas: new Set(), tag: -1, hovered: undefined, focused: undefined };
  let theme: ThemeColours = themeColours(root);

  const colourOf = (attributes: NodeAttributes): string => {
    if (state.colourBy === 'area') return categoryColour(attributes.area);
    // A note's most used tag among the coloured ones.
    return categoryColour(attributes.tags.length > 0 ? Math.min(...attributes.tags) : -1);
  };
  const visible = (attributes: NodeAttributes): boolean =>
    !state.hiddenAreas.has(attributes.area) && (state.tag === -1 || attributes.tags.includes(state.tag));
  const active = () => state.hovered ?? state.focused;
  let activeNeighbours = new Set<string>();
  const refreshActive = () => {
    const node = active();
    activeNeighbours = node ? new Set(graph.neighbors(node)) : new Set();
  };

  let renderer: Sigma<NodeAttributes> | undefined;
  try {
    renderer = new Sigma<NodeAttributes>(graph, stage, {
      labelColor: { color: theme.text },
      labelFont: getComputedStyle(root).fontFamily,
      labelSize: 13,
      defaultEdgeColor: theme.edge,
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      zIndex: true,
      defaultDrawNodeHover: highlightDrawer(() => theme.accent),
      nodeReducer: (node, attributes) => {
        const shown: Partial<NodeAttributes> & { hidden?: boolean; highlighted?: boolean; forceLabel?: boolean; zIndex?: number } = {
          ...attributes,
          color: colourOf(attributes),
        };
        if (!visible(attributes)) return { ...shown, hidden: true };
        const centre = active();
        if (!centre) return shown;
        if (node === centre) return { ...shown, highlighted: true, forceLabel: true, zIndex: 2 };
        if (activeNeighbours.has(node)) return { ...shown, forceLabel: activeNeighbours.size <= MAX_FORCED_LABELS, zIndex: 1 };
        return { ...shown, color: theme.faded, label: '', zIndex: 0 };
      },
      edgeReducer: (edge, attributes) => {
        const [source, target] = graph.extremities(edge);
        if (!visible(graph.getNodeAttributes(source)) || !visible(graph.getNodeAttributes(target))) return { ...attributes, hidden: true };
        const centre = active();
        if (!centre) return attributes;
        return source === centre || target === centre ? { ...attributes, color: theme.accent, size: 1.5, zIndex: 1 } : { ...attributes, hidden: true };
      },
    });
    placeLabelsFor(renderer, { background: () => theme.background, pointedAt: () => state.hovered });
  } catch (error) {
    // Without WebGL the search box and the lists of links still work.
    stage.classList.add('kg-graph-stage-failed');
    stage.textContent = `This browser cannot draw the graph (${error instanceof Error ? error.message : 'WebGL is not available'}). Find a note with the search box to see its links.`;
  }

  const refresh = () => renderer?.refresh({ skipIndexation: true });
  const focusPanel = root.querySelector<HTMLElement>('[data-graph-focus]')!;
  const search = new NodeSearch(root.querySelector<HTMLInputElement>('[data-graph-search]')!, root.querySelector<HTMLElement>('[data-graph-options]')!, graph, data, (slug) =>
    focus(slug),
  );

  const focus = (slug: string | undefined, { move = true } = {}) => {
    state.focused = slug && graph.hasNode(slug) ? slug : undefined;
    refreshActive();
    refresh();
    showFocus();
    const url = new URL(location.href);
    if (state.focused) url.searchParams.set('focus', state.focused);
    else url.searchParams.delete('focus');
    history.replaceState(history.state, '', url);
    if (state.focused && move && renderer) {
      const point = renderer.getNodeDisplayData(state.focused);
      if (point) void renderer.getCamera().animate({ x: point.x, y: point.y, ratio: Math.min(renderer.getCamera().ratio, 0.35) }, { duration: 400 });
    }
  };

  const showFocus = () => {
    const slug = state.focused;
    focusPanel.hidden = !slug;
    if (!slug) return;
    const attributes = graph.getNodeAttributes(slug);
    const area = data.areas[attributes.area];
    focusPanel.querySelector('[data-focus-title]')!.replaceChildren(link(slug, attributes.label));
    focusPanel.querySelector('[data-focus-facts]')!.textContent =
      `${area ? areaName(area) : 'Top level'} · influence ${attributes.rank} of 1000 · ` +
      `${graph.outDegree(slug)} ${graph.outDegree(slug) === 1 ? 'link' : 'links'}, ${graph.inDegree(slug)} ${graph.inDegree(slug) === 1 ? 'backlink' : 'backlinks'}`;
    const byRank = (slugs: string[]) => slugs.sort((a, b) => graph.getNodeAttribute(b, 'rank') - graph.getNodeAttribute(a, 'rank'));
    renderNeighbourList(focusPanel.querySelector<HTMLElement>('[data-focus-out]')!, byRank(graph.outNeighbors(slug)), graph, (next) => focus(next));
    renderNeighbourList(focusPanel.querySelector<HTMLElement>('[data-focus-in]')!, byRank(graph.inNeighbors(slug)), graph, (next) => focus(next));
  };
  focusPanel.querySelector('[data-focus-clear]')?.addEventListener('click', () => {
    focus(undefined);
    search.input.focus();
  });

  // Hover: the title by the pointer, the note's neighbours highlighted. Click: open the note (on a
  // touch screen, the first tap highlights and the second opens).
  const touch = matchMedia('(hover: none)').matches;
  if (renderer) {
    const sigma = renderer;
    followPointer(sigma, stage, tooltip, (node) => {
      state.hovered = node;
      refreshActive();
    });
    sigma.on('clickNode', ({ node }) => {
      if (touch && state.focused !== node) focus(node, { move: false });
      else location.assign(noteUrl(node));
    });
    sigma.on('clickStage', () => {
      if (state.focused) focus(undefined);
    });
  }

  // Buttons and keys for zoom and pan: the canvas itself is not needed to move around.
  const camera = renderer?.getCamera();
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-graph-zoom]')) {
    button.disabled = !camera;
    button.addEventListener('click', () => {
      if (!camera) return;
      const action = button.dataset.graphZoom;
      if (action === 'in') void camera.animatedZoom({ duration: 250 });
      else if (action === 'out') void camera.animatedUnzoom({ duration: 250 });
      else void camera.animatedReset({ duration: 300 });
    });
  }
  stage.addEventListener('keydown', (event) => {
    if (!camera) return;
    const { x, y, ratio } = camera.getState();
    const step = PAN_STEP * ratio;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => void camera.animate({ x: x - step }, { duration: 150 }),
      ArrowRight: () => void camera.animate({ x: x + step }, { duration: 150 }),
      ArrowUp: () => void camera.animate({ y: y + step }, { duration: 150 }),
      ArrowDown: () => void camera.animate({ y: y - step }, { duration: 150 }),
      '+': () => void camera.animatedZoom({ duration: 200 }),
      '=': () => void camera.animatedZoom({ duration: 200 }),
      '-': () => void camera.animatedUnzoom({ duration: 200 }),
      '0': () => void camera.animatedReset({ duration: 250 }),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    }
  });

  // Colour and filters.
  for (const radio of root.querySelectorAll<HTMLInputElement>('input[name="kg-graph-colour"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      state.colourBy = radio.value === 'tag' ? 'tag' : 'area';
      renderLegend();
      refresh();
    });
  }
  const areaList = root.querySelector<HTMLElement>('[data-graph-areas]')!;
  areaList.replaceChildren(
    ...data.areas.map((area, i) => {
      const item = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) state.hiddenAreas.delete(i);
        else state.hiddenAreas.add(i);
        refresh();
        announce();
      });
      const swatch = document.createElement('span');
      swatch.className = 'kg-graph-swatch';
      swatch.dataset.area = String(i);
      label.append(box, swatch, ` ${areaName(area)} `, count(area.notes));
      label.title = area.folder;
      item.append(label);
      return item;
    }),
  );
  const tagSelect = root.querySelector<HTMLSelectElement>('[data-graph-tag]')!;
  tagSelect.append(
    ...data.tags.map((tag, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = `#${tag.name} (${tag.notes})`;
      return option;
    }),
  );
  tagSelect.addEventListener('change', () => {
    state.tag = Number(tagSelect.value);
    refresh();
    announce();
  });
  const tagLegend = root.querySelector<HTMLElement>('[data-graph-tag-legend]')!;
  const renderLegend = () => {
    for (const swatch of areaList.querySelectorAll<HTMLElement>('.kg-graph-swatch')) {
      swatch.style.backgroundColor = state.colourBy === 'area' ? categoryColour(Number(swatch.dataset.area)) : 'transparent';
    }
    tagLegend.hidden = state.colourBy !== 'tag';
    tagLegend.replaceChildren(
      ...data.tags.slice(0, 11).map((tag, i) => {
        const item = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'kg-graph-swatch';
        swatch.style.backgroundColor = categoryColour(i);
        item.append(swatch, ` #${tag.name}`);
        return item;
      }),
    );
  };
  renderLegend();

  const announce = () => {
    let shown = 0;
    graph.forEachNode((_node, attributes) => {
      if (visible(attributes)) shown++;
    });
    status.textContent =
      shown === graph.order
        ? `${format(graph.order)} notes and ${format(graph.size)} links. Drag to move, scroll or pinch to zoom; point at a note to see its links, click it to open it.`
        : `Showing ${format(shown)} of ${format(graph.order)} notes.`;
  };
  announce();

  followTheme(renderer, root, (changed) => {
    theme = changed;
  });

  const initial = new URL(location.href).searchParams.get('focus');
  if (initial !== null && graph.hasNode(initial)) focus(initial);
  root.dataset.graphReady = 'true';
}

function link(slug: string, title: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = noteUrl(slug);
  anchor.textContent = title;
  return anchor;
}

function count(value: number): HTMLElement {
  const span = document.createElement('span');
  span.className = 'kg-graph-count';
  span.textContent = format(value);
  return span;
}

function format(value: number): string {
  return value.toLocaleString('en');
}

export type { GraphViewJson, NoteGraph };
