import { availableFilters, SearchUnavailableError, searchAsYouType, type Filters } from './engine.ts';
import { ResultsList } from './results.ts';

export interface SearchElements {
  input: HTMLInputElement;
  results: HTMLElement;
  status: HTMLElement;
  filters: HTMLElement;
}

const MAX_CHIPS = 12;

/**
 * Wires one search UI (the dialog or the search page): results as you type, keyboard navigation,
 * filter chips for tags and areas, and a helpful empty state.
 */
export class SearchController {
  private readonly list: ResultsList;
  private readonly filters: Required<Filters> = { tag: [], area: [] };
  private generation = 0;
  private readonly elements: SearchElements;
  private readonly onQuery: ((term: string) => void) | undefined;

  constructor(elements: SearchElements, onQuery?: (term: string) => void) {
    this.elements = elements;
    this.onQuery = onQuery;
    this.list = new ResultsList(elements.results, elements.input);
    elements.input.addEventListener('input', () => void this.run());
    elements.input.addEventListener('keydown', (event) => this.list.handleKey(event));
  }

  async start(): Promise<void> {
    this.setStatus('Loading search…');
    try {
      await this.renderChips();
      await this.run();
    } catch (error) {
      this.setStatus(error instanceof SearchUnavailableError ? error.message : 'Search could not load. Try reloading the page.');
    }
  }

  async run(): Promise<void> {
    const term = this.elements.input.value.trim();
    this.onQuery?.(term);
    const generation = ++this.generation;
    const filtering = this.filters.tag.length + this.filters.area.length > 0;
    if (term === '' && !filtering) {
      this.list.clear();
      this.setStatus('Type a word from a note, a title or a tag. Filter by tag or area with the buttons below.');
      return;
    }
    const hits = await searchAsYouType(term, this.filters);
    if (hits === null || generation !== this.generation) return;
    this.list.show(hits);
    this.setStatus(
      hits.length === 0
        ? `No notes match “${term}”. Try fewer or other words, or remove a filter.`
        : `${hits.length === 10 ? 'Top 10' : hits.length} ${hits.length === 1 ? 'note' : 'notes'}${term ? ` for “${term}”` : ''}. Use ↑ ↓ and Enter to open one.`,
    );
  }

  private setStatus(text: string): void {
    this.elements.status.textContent = text;
  }

  private async renderChips(): Promise<void> {
    const { tag, area } = await availableFilters();
    const chips: HTMLElement[] = [];
    for (const [kind, values] of [['area', area], ['tag', tag]] as const) {
      for (const [value, count] of values.slice(0, MAX_CHIPS)) {
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
          void this.run();
        });
        chips.push(chip);
      }
    }
    this.elements.filters.replaceChildren(...chips);
  }
}
