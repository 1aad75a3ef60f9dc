import type { NodeAttributes, NoteGraph } from './data.ts';
import { categoryColour } from './colours.ts';

export type ColourBy = 'area' | 'tag';

/**
 * What the reader chose on the graph page: how notes are coloured, which areas and tag are shown,
 * and the note the view centres on (pointed at, else focused). The renderer's reducers and the
 * controls read and change this one object.
 */
export class GraphViewState {
  colourBy: ColourBy = 'area';
  readonly hiddenAreas = new Set<number>();
  /** Only notes with this tag (index into the data's tags), or -1 for all. */
  tag = -1;
  hovered: string | undefined;
  focused: string | undefined;
  /** The neighbours of the active note, kept so that the reducers do not ask the graph per node. */
  activeNeighbours = new Set<string>();

  private readonly graph: NoteGraph;

  constructor(graph: NoteGraph) {
    this.graph = graph;
  }

  /** The note the view centres on: the one under the pointer, else the focused one. */
  active(): string | undefined {
    return this.hovered ?? this.focused;
  }

  /** Call after `hovered` or `focused` changed. */
  refreshActive(): void {
    const node = this.active();
    this.activeNeighbours = node ? new Set(this.graph.neighbors(node)) : new Set();
  }

  colourOf(attributes: NodeAttributes): string {
    if (this.colourBy === 'area') return categoryColour(attributes.area);
    // A note's most used tag among the coloured ones.
    return categoryColour(attributes.tags.length > 0 ? Math.min(...attributes.tags) : -1);
  }

  visible(attributes: NodeAttributes): boolean {
    return !this.hiddenAreas.has(attributes.area) && (this.tag === -1 || attributes.tags.includes(this.tag));
  }

  /** How many notes the filters leave. */
  visibleCount(): number {
    let shown = 0;
    this.graph.forEachNode((_node, attributes) => {
      if (this.visible(attributes)) shown++;
    });
    return shown;
  }
}
