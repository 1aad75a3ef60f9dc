import type { GraphViewJson } from '../../core/graph/view-json.ts';
import { areaName, noteUrl, type NoteGraph } from './data.ts';
import { renderNeighbourList } from './neighbours.ts';

/**
 * The panel beside the graph that shows the focused note: its title as a link, its area, influence
 * and counts, and its links and backlinks (most influential first) as links that focus in turn.
 * This is also how the graph is used from the keyboard or without WebGL.
 */
export class FocusPanel {
  private readonly panel: HTMLElement;
  private readonly graph: NoteGraph;
  private readonly data: GraphViewJson;
  private readonly focus: (slug: string) => void;

  constructor(panel: HTMLElement, graph: NoteGraph, data: GraphViewJson, focus: (slug: string) => void) {
    this.panel = panel;
    this.graph = graph;
    this.data = data;
    this.focus = focus;
  }

  onClear(clear: () => void): void {
    this.panel.querySelector('[data-focus-clear]')?.addEventListener('click', clear);
  }

  show(slug: string | undefined): void {
    const { panel, graph } = this;
    panel.hidden = !slug;
    if (!slug) return;
    const attributes = graph.getNodeAttributes(slug);
    const area = this.data.areas[attributes.area];
    panel.querySelector('[data-focus-title]')!.replaceChildren(link(slug, attributes.label));
    panel.querySelector('[data-focus-facts]')!.textContent =
      `${area ? areaName(area) : 'Top level'} · influence ${attributes.rank} of 1000 · ` +
      `${graph.outDegree(slug)} ${graph.outDegree(slug) === 1 ? 'link' : 'links'}, ${graph.inDegree(slug)} ${graph.inDegree(slug) === 1 ? 'backlink' : 'backlinks'}`;
    const byRank = (slugs: string[]) => slugs.sort((a, b) => graph.getNodeAttribute(b, 'rank') - graph.getNodeAttribute(a, 'rank'));
    renderNeighbourList(panel.querySelector<HTMLElement>('[data-focus-out]')!, byRank(graph.outNeighbors(slug)), graph, this.focus);
    renderNeighbourList(panel.querySelector<HTMLElement>('[data-focus-in]')!, byRank(graph.inNeighbors(slug)), graph, this.focus);
  }
}

function link(slug: string, title: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = noteUrl(slug);
  anchor.textContent = title;
  return anchor;
}
