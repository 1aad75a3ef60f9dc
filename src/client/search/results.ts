import type { SearchHit } from './engine.ts';

/**
 * Renders search hits into a listbox and handles ↑ ↓ Enter for it. The reader's focus stays in the
 * search input (combobox pattern); the active option is announced through aria-activedescendant.
 */
export class ResultsList {
  private hits: SearchHit[] = [];
  private active = -1;
  private readonly list: HTMLElement;
  private readonly input: HTMLInputElement;

  constructor(list: HTMLElement, input: HTMLInputElement) {
    this.list = list;
    this.input = input;
  }

  show(hits: SearchHit[]): void {
    this.hits = hits;
    this.list.replaceChildren(...hits.map((hit, index) => this.option(hit, index)));
    this.input.setAttribute('aria-expanded', String(hits.length > 0));
    this.setActive(hits.length > 0 ? 0 : -1);
  }

  clear(): void {
    this.show([]);
  }

  /** Returns true when the key was handled. */
  handleKey(event: KeyboardEvent): boolean {
    if (this.hits.length === 0) return false;
    if (event.key === 'ArrowDown') this.setActive((this.active + 1) % this.hits.length);
    else if (event.key === 'ArrowUp') this.setActive((this.active - 1 + this.hits.length) % this.hits.length);
    else if (event.key === 'Enter' && this.active >= 0) window.location.assign(this.hits[this.active]!.url);
    else return false;
    event.preventDefault();
    return true;
  }

  private setActive(index: number): void {
    this.active = index;
    for (const [i, option] of [...this.list.children].entries()) option.setAttribute('aria-selected', String(i === index));
    const option = this.list.children[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private option(hit: SearchHit, index: number): HTMLElement {
    const item = element('li', 'kg-search-hit');
    item.id = `kg-search-option-${index}`;
    item.setAttribute('role', 'option');
    const link = element('a', 'kg-search-hit-title');
    link.href = hit.url;
    link.tabIndex = -1;
    link.textContent = hit.title;
    item.append(link);
    const context = [hit.area, ...hit.tags.map((tag) => `#${tag}`)].filter(Boolean).join(' · ');
    if (context) item.append(Object.assign(element('span', 'kg-search-hit-context'), { textContent: context }));
    item.append(excerpt(hit.excerpt));
    if (hit.sections.length > 0) {
      const sections = element('ul', 'kg-search-hit-sections');
      for (const section of hit.sections) {
        const sectionLink = element('a');
        sectionLink.href = section.url;
        sectionLink.tabIndex = -1;
        sectionLink.textContent = section.title;
        const entry = element('li');
        entry.append(sectionLink, excerpt(section.excerpt));
        sections.append(entry);
      }
      item.append(sections);
    }
    item.addEventListener('mousemove', () => {
      if (this.active !== index) this.setActive(index);
    });
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
    if (node.nodeType === Node.TEXT_NODE) paragraph.append(node.textContent ?? '');
    else if (node.nodeName === 'MARK') paragraph.append(Object.assign(element('mark'), { textContent: node.textContent ?? '' }));
    else paragraph.append(node.textContent ?? '');
  }
  return paragraph;
}
