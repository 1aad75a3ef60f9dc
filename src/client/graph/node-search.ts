import type { GraphViewJson } from '../../core/graph/view-json.ts';
import { areaName, type NoteGraph } from './data.ts';

const SHOWN = 8;

/**
 * The graph page's search box: a combobox over the notes' titles. Typing lists the best matches
 * (titles that start with the words first, then the most influential); ↑ ↓ choose, Enter (or a click)
 * shows the note in the graph.
 */
export class NodeSearch {
  readonly input: HTMLInputElement;
  private readonly listbox: HTMLElement;
  private readonly graph: NoteGraph;
  private readonly areas: GraphViewJson['areas'];
  private readonly choose: (slug: string) => void;
  private matches: string[] = [];
  private active = -1;

  constructor(input: HTMLInputElement, listbox: HTMLElement, graph: NoteGraph, data: GraphViewJson, choose: (slug: string) => void) {
    this.input = input;
    this.listbox = listbox;
    this.graph = graph;
    this.areas = data.areas;
    this.choose = choose;
    input.disabled = false;
    input.addEventListener('input', () => this.update());
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  private update(): void {
    const query = this.input.value.trim().toLowerCase();
    this.matches = query === '' ? [] : this.find(query);
    this.active = this.matches.length > 0 ? 0 : -1;
    this.render();
  }

  private find(query: string): string[] {
    const found: { slug: string; starts: boolean; rank: number }[] = [];
    this.graph.forEachNode((slug, attributes) => {
      const title = attributes.label.toLowerCase();
      const at = title.indexOf(query);
      if (at !== -1 || slug.includes(query)) found.push({ slug, starts: at === 0, rank: attributes.rank });
    });
    return found
      .sort((a, b) => Number(b.starts) - Number(a.starts) || b.rank - a.rank || (a.slug < b.slug ? -1 : 1))
      .slice(0, SHOWN)
      .map((match) => match.slug);
  }

  private render(): void {
    this.listbox.replaceChildren(
      ...this.matches.map((slug, i) => {
        const option = document.createElement('li');
        option.id = `kg-graph-option-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(i === this.active));
        option.className = 'kg-graph-option';
        const title = document.createElement('span');
        title.textContent = this.graph.getNodeAttribute(slug, 'label');
        const area = document.createElement('span');
        area.className = 'kg-graph-option-area';
        const where = this.areas[this.graph.getNodeAttribute(slug, 'area')];
        area.textContent = where ? areaName(where) : 'Top level';
        option.append(title, ' ', area);
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.pick(i);
        });
        return option;
      }),
    );
    const open = this.matches.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `kg-graph-option-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (this.matches.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (event.key === 'Escape') {
      this.close();
    }
  }

  private pick(i: number): void {
    const slug = this.matches[i];
    if (slug === undefined) return;
    this.input.value = this.graph.getNodeAttribute(slug, 'label');
    this.close();
    this.choose(slug);
  }

  private close(): void {
    this.matches = [];
    this.active = -1;
    this.render();
  }
}
