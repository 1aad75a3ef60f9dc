import type { SearchHit } from './engine.ts';

/**
 * Renders search hits into a listbox and handles ↑ ↓ Enter for it. The reader's focus stays in the
 * search input (the ARIA combobox pattern); the active option is announced through
 * aria-activedescendant. Options hold no links (interactive content inside an option is not
 * allowed): each note and each matching section is an option that navigates when chosen.
 */
export class ResultsList {
  private options: { element: HTMLElement; url: string }[] = [];
  private active = -1;
  private readonly list: HTMLElement;
  private readonly input: HTMLInputElement;

  constructor(list: HTMLElement, input: HTMLInputElement) {
    this.list = list;
    this.input = input;
  }

  show(hits: SearchHit[]): void {
    this.options = [];
    this.list.replaceChildren(...hits.flatMap((hit) => this.optionsFor(hit)));
    this.input.setAttribute('aria-expanded', String(hits.length > 0));
    this.setActive(this.options.length > 0 ? 0 : -1);
  }

  clear(): void {
    this.show([]);
  }

  /** Returns true when the key was handled. */
  handleKey(event: KeyboardEvent): boolean {
    if (this.options.length === 0) return false;
    if (event.key === 'ArrowDown') this.setActive((this.active + 1) % this.options.length);
    else if (event.key === 'ArrowUp') this.setActive((this.active - 1 + this.options.length) % this.options.length);
    else if (event.key === 'Enter' && this.active >= 0) window.location.assign(this.options[this.active]!.url);
    else return false;
    event.preventDefault();
    return true;
  }

  private setActive(index: number): void {
    this.active = index;
    this.options.forEach((option, i) => option.element.setAttribute('aria-selected', String(i === index)));
    const option = this.options[index]?.element;
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private optionsFor(hit: SearchHit): HTMLElement[] {
    const note = this.option(hit.url, 'kg-search-hit');
    note.append(Object.assign(element('span', 'kg-search-hit-title'), { textContent: hit.title }));
    const context = [hit.area, ...hit.tags.map((tag) => `#${tag}`)].filter(Boolean).join(' · ');
    if (context) note.append(Object.assign(element('span', 'kg-search-hit-context'), { textContent: context }));
    note.append(excerpt(hit.excerpt));
    const sections = hit.sections.map((section) => {
      const option = this.option(section.url, 'kg-search-hit kg-search-hit-section');
      option.append(Object.assign(element('span', 'kg-search-hit-title'), { textContent: section.title }), excerpt(section.excerpt));
      return option;
    });
    return [note, ...sections];
  }

  private option(url: string, className: string): HTMLElement {
    const index = this.options.length;
    const item = element('li', className);
    item.id = `kg-search-option-${index}`;
    item.setAttribute('role', 'option');
    item.dataset.url = url;
    item.addEventListener('mousemove', () => {
      if (this.active !== index) this.setActive(index);
    });
    item.addEventListener('click', () => window.location.assign(url));
    this.options.push({ element: item, url });
    return item;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  return created;
}

/**
 * Pagefind's excerpt is escaped text with `<mark>` around matches. It is parsed in an inert
 * document and only its text and marks are copied, so nothing else can reach the page.
 */
export function excerpt(html: string): HTMLElement {
  const paragraph = element('p', 'kg-search-hit-excerpt');
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === 'MARK') paragraph.append(Object.assign(element('mark'), { textContent: node.textContent ?? '' }));
    else paragraph.append(node.textContent ?? '');
  }
  return paragraph;
}
