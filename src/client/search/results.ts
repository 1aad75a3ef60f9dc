import type { SearchHit } from './engine.ts';

/**
 * Renders search hits into a listbox and handles ↑ ↓ Enter for it. The reader's focus stays in the
 * search input (the ARIA combobox pattern); the active option is announced through
 * aria-activedescendant. Each note and each matching section is an option that is itself a link
 * (`<a role="option" href>`), so a result opens like any link: a click, a middle click, "open in
 * new tab", "copy link". The links are left out of the Tab order: the arrows move between them.
 */
export class ResultsList {
  private options: HTMLAnchorElement[] = [];
  private active = -1;
  private readonly list: HTMLElement;
  private readonly input: HTMLInputElement;

  constructor(list: HTMLElement, input: HTMLInputElement) {
    this.list = list;
    this.input = input;
  }

  show(hits: SearchHit[]): void {
    this.options = [];
    this.list.replaceChildren(...hits.map((hit) => this.itemFor(hit)));
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
    // A click on the link: Ctrl/⌘ or Shift with Enter open it in a new tab or window, as on any link.
    else if (event.key === 'Enter' && this.active >= 0)
      this.options[this.active]!.dispatchEvent(
        new MouseEvent('click', {
          bubbles: true,
          cancelable: true,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          shiftKey: event.shiftKey,
        }),
      );
    else return false;
    event.preventDefault();
    return true;
  }

  private setActive(index: number): void {
    this.active = index;
    for (const [i, option] of this.options.entries()) option.setAttribute('aria-selected', String(i === index));
    const option = this.options[index];
    if (option) {
      this.input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  /** A note and, under it, its best sections: one list item, its options inside. */
  private itemFor(hit: SearchHit): HTMLLIElement {
    const item = element('li', 'kg-search-result');
    item.setAttribute('role', 'none');
    const note = this.option(hit.url, 'kg-search-hit');
    const heading = element('span', 'kg-search-hit-heading');
    heading.append(Object.assign(element('span', 'kg-search-hit-title'), { textContent: hit.title }));
    const context = [hit.area, ...hit.tags.map((tag) => `#${tag}`)].filter(Boolean).join(' · ');
    if (context) heading.append(Object.assign(element('span', 'kg-search-hit-context'), { textContent: context }));
    note.append(heading, excerpt(hit.excerpt));
    item.append(note);
    for (const section of hit.sections) {
      const option = this.option(section.url, 'kg-search-hit kg-search-hit-section');
      option.append(Object.assign(element('span', 'kg-search-hit-title'), { textContent: section.title }), excerpt(section.excerpt));
      item.append(option);
    }
    return item;
  }

  private option(url: string, className: string): HTMLAnchorElement {
    const index = this.options.length;
    const link = element('a', className);
    link.href = url;
    link.id = `${this.list.id || 'kg-search'}-option-${index}`;
    link.tabIndex = -1;
    link.setAttribute('role', 'option');
    link.addEventListener('mousemove', () => {
      if (this.active !== index) this.setActive(index);
    });
    this.options.push(link);
    return link;
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
  const text = element('span', 'kg-search-hit-excerpt');
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === 'MARK') text.append(Object.assign(element('mark'), { textContent: node.textContent ?? '' }));
    else text.append(node.textContent ?? '');
  }
  return text;
}
