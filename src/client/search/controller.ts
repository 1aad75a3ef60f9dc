import { availableFilters, SearchUnavailableError, searchAsYouType, type Filters } from './engine.ts';
import { ResultsList } from './results.ts';

export interface SearchElements {
  input: HTMLInputElement;
  results: HTMLElement;
  status: HTMLElement;
  /** The panel of filter buttons, closed until the reader opens it with `filterToggle`. */
  filters: HTMLElement;
  filterToggle: HTMLButtonElement;
}

const MAX_CHIPS = 12;
const FILTER_GROUPS = [
  { kind: 'area', title: 'Areas' },
  { kind: 'tag', title: 'Tags' },
] as const;

/** Whether the reader has a keyboard to move through results with (not a phone or a tablet). */
function hasKeyboard(): boolean {
  return window.matchMedia('(hover: hover) and (pointer: fine)').matches;
}

/**
 * Wires one search UI (the dialog or the search page): results as you type, keyboard navigation,
 * filters for areas and tags behind one control that says how many are on, and a helpful empty
 * state whose hints fit the device.
 */
export class SearchController {
  private readonly list: ResultsList;
  private readonly filters: Required<Filters> = { tag: [], area: [] };
  private generation = 0;
  private readonly elements: SearchElements;
  private readonly onQuery: ((term: string) => void) | undefined;
  private filtersAvailable = false;

  constructor(elements: SearchElements, onQuery?: (term: string) => void) {
    this.elements = elements;
    this.onQuery = onQuery;
    this.list = new ResultsList(elements.results, elements.input);
    elements.input.addEventListener('input', () => void this.run());
    elements.input.addEventListener('keydown', (event) => this.list.handleKey(event));
    elements.filterToggle.addEventListener('click', () => this.toggleFilters());
  }

  async start(): Promise<void> {
    this.setStatus('Loading search…');
    try {
      await this.renderFilters();
      await this.run();
    } catch (error) {
      this.setStatus(error instanceof SearchUnavailableError ? error.message : 'Search could not load. Try reloading the page.');
    }
  }

  async run(): Promise<void> {
    const term = this.elements.input.value.trim();
    this.onQuery?.(term);
    const generation = ++this.generation;
    const filtering = this.activeFilters() > 0;
    if (term === '' && !filtering) {
      this.list.clear();
      this.setStatus(
        `Type a word from a note, a title or a tag.${this.filtersAvailable ? ' Filters narrow the results to areas or tags.' : ''}`,
      );
      return;
    }
    const hits = await searchAsYouType(term, this.filters);
    if (hits === null || generation !== this.generation) return;
    this.list.show(hits);
    const found = `${hits.length === 10 ? 'Top 10' : hits.length} ${hits.length === 1 ? 'note' : 'notes'}${term ? ` for “${term}”` : ''}`;
    this.setStatus(
      hits.length === 0
        ? `No notes match “${term}”. Try fewer or other words${filtering ? ', or turn a filter off' : ''}.`
        : `${found}.${hasKeyboard() ? ' ↑ ↓ to choose, Enter to open.' : ''}`,
    );
  }

  private setStatus(text: string): void {
    this.elements.status.textContent = text;
  }

  private activeFilters(): number {
    return this.filters.tag.length + this.filters.area.length;
  }

  private toggleFilters(open = this.elements.filterToggle.getAttribute('aria-expanded') !== 'true'): void {
    this.elements.filterToggle.setAttribute('aria-expanded', String(open));
    this.elements.filters.hidden = !open;
  }

  /** The control says how many filters are on, so that a closed panel hides nothing that matters. */
  private updateToggle(): void {
    const active = this.activeFilters();
    this.elements.filterToggle.textContent = active === 0 ? 'Filters' : `Filters: ${active} on`;
  }

  private async renderFilters(): Promise<void> {
    const available = await availableFilters();
    const groups: HTMLElement[] = [];
    for (const { kind, title } of FILTER_GROUPS) {
      const values = available[kind].slice(0, MAX_CHIPS);
      if (values.length === 0) continue;
      const group = document.createElement('div');
      group.className = 'kg-search-filter-group';
      group.setAttribute('role', 'group');
      const label = document.createElement('span');
      label.className = 'kg-search-filter-label';
      label.id = `${this.elements.filters.id}-${kind}`;
      label.textContent = title;
      group.setAttribute('aria-labelledby', label.id);
      group.append(label, ...values.map(([value, count]) => this.chip(kind, value, count)));
      groups.push(group);
    }
    this.filtersAvailable = groups.length > 0;
    this.elements.filters.replaceChildren(...groups);
    this.elements.filterToggle.hidden = !this.filtersAvailable;
    this.updateToggle();
  }

  private chip(kind: 'tag' | 'area', value: string, count: number): HTMLButtonElement {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = `kg-search-chip kg-search-chip-${kind}`;
    chip.textContent = kind === 'tag' ? `#${value}` : value;
    chip.title = `${count} ${count === 1 ? 'note' : 'notes'}`;
    chip.setAttribute('aria-pressed', 'false');
    chip.addEventListener('click', () => {
      const selected = this.filters[kind];
      const at = selected.indexOf(value);
      if (at === -1) selected.push(value);
      else selected.splice(at, 1);
      chip.setAttribute('aria-pressed', String(at === -1));
      this.updateToggle();
      void this.run();
    });
    return chip;
  }
}
